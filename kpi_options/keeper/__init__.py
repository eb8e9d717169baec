"""The KPI bot: expire on time, answer the metric from its source, verify others' answers,
dispute wrong ones, settle.

* :mod:`.sources` -- HTTP JSON fetch with a deadline and a size limit
* :mod:`.formats` -- the ``Key`` path to a time series (generic JSON, DefiLlama's protocol format)
* :mod:`.rules` -- UMIP-117 Interval / Aggregation / early-expiry goal / Fallback, as text and data
* :mod:`.resolve` -- one metric: (recipe, request timestamp) -> answer or reason
* :mod:`.evidence` -- the JSON-lines record of every action
* :mod:`.chainread` -- a pair's launch facts and oracle requests as the keeper reads them
* :mod:`.bot` -- the cycle and the loop (chain side); :mod:`.report` -- ``--explain``
* :mod:`.early` -- every early request of a pair: record a buried real answer, ``--request-early``

See docs/KEEPER.md.
"""

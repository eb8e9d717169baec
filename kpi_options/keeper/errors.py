"""Why the keeper has no answer: one typed reason per failure, each naming the URL and the rule.

"Never a guess": every function of the resolution engine either returns a value it can justify or
raises one of these. The bot logs the reason (pair, request, URL, rule) and retries later; it never
turns a failure into a number, except the ``Unresolved`` value under ``--propose-unresolved``, and
only for failures that voters would share (:attr:`ResolutionError.voters_share`).
"""

from __future__ import annotations


class KeeperError(ValueError):
    """Root of the keeper's errors; ``param`` names the input at fault (a field, an option)."""

    def __init__(self, message: str, param: str | None = None):
        super().__init__(message)
        self.param = param


class ResolutionError(KeeperError):
    """No answer for a metric. ``rule`` is the ancillary field (or program field) whose
    instruction could not be followed; ``url`` is the address fetched (None before fetching)."""

    #: Whether UMA's voters, following the same instruction, would be stuck too (so the
    #: ``Unresolved`` rule of UMIP-117 can apply). False for the bot's own limits.
    voters_share = True

    def __init__(self, message: str, *, rule: str, url: str | None = None):
        where = f" [{rule}" + (f" at {url}" if url else "") + "]"
        super().__init__(message + where, rule)
        self.rule = rule
        self.url = url
        self.detail = message


class SourceDown(ResolutionError):
    """The source refused the connection or answered with an HTTP error status."""


class SourceTimeout(ResolutionError):
    """The source did not answer in time."""


class SourceTooLarge(ResolutionError):
    """The answer exceeded the size limit."""


class NotJson(ResolutionError):
    """The answer is not JSON."""


class MissingKey(ResolutionError):
    """The JSON lacks the key path the ``Key`` field names (or a value there is not a number)."""


class NoDataPoint(ResolutionError):
    """The series has no data point that the ``Interval``/``Aggregation`` rule allows (yet)."""


class UnknownForm(ResolutionError):
    """The ancillary data uses a form the bot does not understand. Voters may still resolve it,
    so the bot never proposes ``Unresolved`` for this."""

    voters_share = False

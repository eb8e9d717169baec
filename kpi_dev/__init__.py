"""Dev tooling, not part of the product (never imported by ``kpi_options``): the snapshot/restore
test helper (testing.py), the end-to-end demo (demo.py), the gas benchmark (benchmark.py) and the
Solidity coverage pytest plugin (coverage/). Installed with the ``dev`` extra's tools; run from a
checkout."""

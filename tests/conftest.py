"""Suite-wide settings: hypothesis profiles and quiet reverts.

Fixtures live next to the tests that use them (``tests/<kind>/conftest.py``) and in
``tests/fixtures/``; role-named accounts come from ``tests/fixtures/accounts.py``.
"""

import os

import pytest
from hypothesis import HealthCheck, settings

_SLOW_OK = [HealthCheck.too_slow, HealthCheck.function_scoped_fixture, HealthCheck.data_too_large]
settings.register_profile("quick", max_examples=10, deadline=None, suppress_health_check=_SLOW_OK)
settings.register_profile("ci", max_examples=25, deadline=None, suppress_health_check=_SLOW_OK)
settings.register_profile("deep", max_examples=400, deadline=None, suppress_health_check=_SLOW_OK)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


@pytest.fixture(autouse=True, scope="session")
def _deterministic_block_time(chain):
    """Make every new block exactly one second after the previous one, whatever the wall clock.

    Without this, anvil stamps blocks with wall-clock time, so a test that reads
    ``chain.pending_timestamp`` and expects the next block to carry it fails when a second passes
    in between (seen under load). Time travel (``chain.pending_timestamp += n``, ``chain.mine(...)``)
    works as before and continues from the new time.
    """
    chain.provider.make_request("anvil_setBlockTimestampInterval", [1])
    yield


@pytest.fixture(autouse=True, scope="session")
def _quiet_revert_traces():
    """Two trace fetches ape makes for display only, off unless asked:

    - ape-foundry prints a call trace for every revert (~0.5 s each);
    - after every transaction to a contract, ape fetches the transaction's full trace to print
      its ``console.log`` lines; no contract here logs (``grep -r console.log contracts`` is
      empty), so that is one ``trace_transaction`` per transaction for nothing.

    Set KPI_SHOW_TRACES=1 to see both while debugging.
    """
    if os.environ.get("KPI_SHOW_TRACES") == "1":
        yield
        return
    from ape.api.transactions import ReceiptAPI
    from ape_foundry.trace import AnvilTransactionTrace

    originals = (AnvilTransactionTrace.show, ReceiptAPI.show_debug_logs)
    AnvilTransactionTrace.show = lambda self, *args, **kwargs: None
    ReceiptAPI.show_debug_logs = lambda self: None
    try:
        yield
    finally:
        AnvilTransactionTrace.show, ReceiptAPI.show_debug_logs = originals


# Fixture modules, one per area; each is owned by the code it sets up.
pytest_plugins = [
    "tests.fixtures.accounts",
    "tests.fixtures.oracle",
    "tests.fixtures.payout",
    "tests.fixtures.pair",
    "tests.fixtures.scripts",
    "tests.fixtures.metric_server",
    "tests.fixtures.keeper",
    "tests.fixtures.safe",
    # Solidity coverage (--sol-coverage, off by default): docs/COVERAGE.md
    "kpi_dev.coverage.plugin",
    # xdist work units ordered by recorded cost (tests/durations.json; `make durations`)
    "kpi_dev.schedule",
]

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


def pytest_configure(config):
    """Ape without the trace fetches and repeated reads the suite does not need, from before
    the first connection (``kpi_dev/lean_ape.py``; ``KPI_PLAIN_APE=1`` for ape as published)."""
    from kpi_dev.lean_ape import lean_ape

    config._kpi_lean_ape = lean_ape()
    config._kpi_lean_ape.__enter__()


def pytest_unconfigure(config):
    lean = getattr(config, "_kpi_lean_ape", None)
    if lean is not None:
        lean.__exit__(None, None, None)


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

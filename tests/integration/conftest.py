"""Integration-area fixtures: the keeper's local metric server and funded keeper account."""

from tests.fixtures.keeper import funded_keeper, keeper_account  # noqa: F401 - fixtures
from tests.fixtures.metric_server import metric_server  # noqa: F401 - fixture

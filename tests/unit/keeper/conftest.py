"""The local metric source (127.0.0.1) for the keeper's unit tests."""

from tests.fixtures.metric_server import metric_server  # noqa: F401 - fixture

"""The one reader of a pair's early requests (kpi_options/chain/early.py), against a stand-in pair
whose event queries record the block ranges asked: bounded ranges from the launch block, only new
blocks on the next scan, timestamps in request order, settled requests read once; and which
request counts (accepted, latest answered, or a buried real answer to record)."""

from types import SimpleNamespace

import pytest

from kpi_options.chain.early import EarlyRequestLog, real_answer
from kpi_options.chain.oracle import OracleState
from kpi_options.chain.pair import IGNORE_PRICE, PairState
from kpi_options.errors import KpiError

REAL = 61 * 10**16


class Events:
    """``range(start, stop)`` over (block, timestamp) logs, stop exclusive; remembers each range."""

    def __init__(self, field: str, logs: list[tuple[int, int]]):
        self.field, self.logs, self.asked = field, logs, []

    def range(self, start: int, stop: int):
        self.asked.append((start, stop))
        return [
            SimpleNamespace(**{self.field: ts}) for block, ts in self.logs if start <= block < stop
        ]


class Oracle:
    """Per-timestamp (state, proposed, resolved); counts getRequest calls."""

    def __init__(self, requests: dict[int, tuple[OracleState, int, int]]):
        self.requests, self.reads = requests, 0

    def getState(self, pair, identifier, timestamp, ancillary):  # noqa: N802 - the oracle's name
        return int(self.requests[timestamp][0])

    def getRequest(self, pair, identifier, timestamp, ancillary):  # noqa: N802
        self.reads += 1
        _, proposed, resolved = self.requests[timestamp]
        return SimpleNamespace(
            proposer="0xP", disputer="0xD", proposedPrice=proposed, resolvedPrice=resolved,
            expirationTime=0, reward=0, finalFee=0, requestSettings=SimpleNamespace(bond=0),
        )  # fmt: skip


def stand_in(requested, accepted=(), requests=None, latest=0, state=PairState.Open, block=100):
    contract = SimpleNamespace(
        EarlyExpirationRequested=Events("earlyExpirationTimeStamp", list(requested)),
        EarlyExpirationAccepted=Events("earlyExpirationTimestamp", list(accepted)),
        priceIdentifier=lambda: b"General_KPI".ljust(32, b"\0"),
        getEarlyExpirationAncillaryData=lambda: b"Metric:x,earlyExpiration:1",
        earlyExpirationTimestamp=lambda: latest,
        pairState=lambda: int(state),
    )
    return SimpleNamespace(
        contract=contract, address="0xPair", record={"block": block}, oracle=Oracle(requests or {})
    )


def test_scan__from_launch_block__bounded_ranges_then_only_new_blocks():
    pair = stand_in([(105, 1000), (131, 2000), (140, 3000)])
    log = EarlyRequestLog(pair, block_range=10)
    assert log.scan(135) == [1000, 2000]
    asked = pair.contract.EarlyExpirationRequested.asked
    assert asked == [(100, 110), (110, 120), (120, 130), (130, 136)]
    assert log.scan(135) == [] and len(asked) == 4  # nothing new: no query
    assert log.scan(141) == [3000] and asked[4:] == [(136, 142)]
    assert pair.contract.EarlyExpirationAccepted.asked == asked  # same ranges for both events
    assert log.timestamps == [1000, 2000, 3000]


def test_scan__no_launch_block_recorded__from_block_zero():
    pair = stand_in([(3, 1000)], block=None)
    pair.record = {}
    log = EarlyRequestLog(pair, block_range=5_000)
    assert log.scan(7) == [1000]
    assert pair.contract.EarlyExpirationRequested.asked == [(0, 8)]


def test_scan__zero_block_range__refused_naming_it():
    with pytest.raises(KpiError) as caught:
        EarlyRequestLog(stand_in([]), block_range=0)
    assert caught.value.param == "block_range"


def test_read__settled_requests_read_once_others_every_time():
    requests = {1000: (OracleState.Settled, IGNORE_PRICE, IGNORE_PRICE),
                2000: (OracleState.Proposed, REAL, 0)}  # fmt: skip
    pair = stand_in([(101, 1000), (102, 2000)], requests=requests, latest=2000,
                    state=PairState.EarlyExpiryPending)  # fmt: skip
    log = EarlyRequestLog(pair)
    first = log.read(110)
    assert [r.timestamp for r in first.requests] == [1000, 2000] and pair.oracle.reads == 2
    log.read(111)
    assert pair.oracle.reads == 3  # only the pending one again
    assert first.latest == 2000 and first.accepted is None and first.counting() is None


def test_buried_answered__real_answer_below_the_latest__earliest_one_to_record():
    requests = {
        1000: (OracleState.Settled, IGNORE_PRICE, IGNORE_PRICE),  # rejected
        2000: (OracleState.Expired, REAL, 0),  # answered real, buried
        3000: (OracleState.Settled, REAL, REAL),  # answered real, buried
        4000: (OracleState.Proposed, IGNORE_PRICE, 0),
    }  # the griefer's, latest
    pair = stand_in([(101, t) for t in requests], requests=requests, latest=4000,
                    state=PairState.EarlyExpiryPending)  # fmt: skip
    early = EarlyRequestLog(pair).read(110)
    assert early.buried_answered().timestamp == 2000
    assert [real_answer(r) for r in early.requests] == [None, REAL, REAL, None]


@pytest.mark.parametrize("state", [PairState.EarlyExpired, PairState.Settled])
def test_buried_answered__pair_already_early_expired__nothing_to_record(state):
    requests = {2000: (OracleState.Expired, REAL, 0), 3000: (OracleState.Expired, REAL, 0)}
    pair = stand_in([(101, 2000), (102, 3000)], requests=requests, latest=3000, state=state)
    early = EarlyRequestLog(pair).read(110)
    assert early.buried_answered() is None
    assert early.counting() == 3000  # the latest answered real: it counts at the first settle


def test_counting__accepted_event__the_accepted_timestamp():
    requests = {
        2000: (OracleState.Settled, REAL, REAL),
        3000: (OracleState.Disputed, IGNORE_PRICE, 0),
    }
    pair = stand_in([(101, 2000), (102, 3000)], accepted=[(105, 2000)], requests=requests,
                    latest=2000, state=PairState.EarlyExpired)  # fmt: skip
    early = EarlyRequestLog(pair).read(110)
    assert early.accepted == 2000 and early.counting() == 2000
    assert early.buried_answered() is None


def test_scan__pair_without_accepted_event__requests_only():
    pair = stand_in([(101, 2000)])
    del pair.contract.EarlyExpirationAccepted  # UMA's own LongShortPair: serial requests
    log = EarlyRequestLog(pair)
    assert log.scan(110) == [2000] and log.accepted is None

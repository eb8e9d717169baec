"""The state machine of ``test_pair_lifecycle.py`` finds a planted bug.

``PlantedBugLongShortPair`` is the real pair with one change (``settle`` rounds each side's share
up; ``tests/stateful/planted_bug.py`` makes it and the first test below proves the copy is exactly
that). The same machine runs against it twice and must fail both times:
- with only the safety invariants (I1-I5; the ledger adopts whatever the chain paid), so the
  invariants themselves, not the exact ledger, catch the overpayment (I3: a settle paid more than
  the burnt tokens are worth);
- with the exact ledger (L1), which catches it as a payout that differs from the prediction.

Generation only (no shrinking: each shrink step replays a chain history), no example database
(a stored failure would make the search trivial), derandomized (the same examples every run).
"""

import time

import pytest
from hypothesis import Phase

from tests.stateful.planted_bug import PAIR, PLANTED, planted_source
from tests.stateful.test_pair_lifecycle import PairLifecycle, run_machine

EXAMPLES, STEPS = 40, 30
"""Search budget; the failure is found well inside it (see the printed figures)."""


class PlantedBugLifecycle(PairLifecycle):
    """The lifecycle machine, launching through the planted-bug creator."""

    def _creator(self):
        return self.env.planted_creator


def test_planted_bug_source__is_the_pair_plus_one_rounding_edit():
    assert PLANTED.read_text() == planted_source(PAIR.read_text()), (
        "contracts/test/PlantedBugLongShortPair.sol is stale: run python -m tests.stateful.planted_bug"
    )


@pytest.mark.parametrize(
    ("exact", "invariant"), [(False, "I3"), (True, "L1")], ids=["safety-only", "exact-ledger"]
)
def test_planted_bug__settle_rounds_up__machine_fails(
    lifecycle_env, project, deployer, creator, finder, exact, invariant
):
    """Invariant: I-3 (docs/INVARIANTS.md): the machine must catch a settle that rounds up."""
    lifecycle_env.planted_creator = deployer.deploy(
        project.PlantedBugPairCreator, finder, creator.tokenImplementation()
    )
    started = time.monotonic()
    with pytest.raises(AssertionError) as failure:
        run_machine(
            lifecycle_env,
            EXAMPLES,
            STEPS,
            machine=PlantedBugLifecycle,
            exact=exact,
            phases=[Phase.generate],
            database=None,
            derandomize=True,
        )
    message = str(failure.value)
    print(
        f"\nplanted bug ({'exact' if exact else 'safety-only'}): found at example "
        f"{lifecycle_env.stats['examples']} after {lifecycle_env.stats['steps']} checked steps, "
        f"{time.monotonic() - started:.1f} s: {message.splitlines()[0]}"
    )
    assert message.startswith(invariant), message

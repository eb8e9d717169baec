"""MerkleDistributor: funding, claims (own and relayed), claim-once, deadline, clawback, bad roots.

Invariants: I-D1 (never pays more than funded), I-D2 (each leaf pays once), I-D3 (claims and
clawback never overlap in time), I-D4 (distributions are accounted apart) in docs/INVARIANTS.md.
"""

import ape
import pytest

from kpi_options.distribution.merkle import AirdropTree
from tests.unit.distribution.conftest import UNIT, mint_and_approve

WEEK = 7 * 24 * 3600


@pytest.fixture(scope="module")
def recipients(holder, other, proposer, disputer, requester):
    return [
        (holder.address, 100 * UNIT),
        (other.address, 250 * UNIT),
        (proposer.address, 1),
        (disputer.address, 7 * UNIT),
        (requester.address, 42 * UNIT),
    ]


@pytest.fixture(scope="module")
def tree(recipients):
    return AirdropTree.build(recipients)


@pytest.fixture
def funded(chain, distributor, long_token, launcher, tree):
    """Distribution 0 of `tree`, funded with exactly its total by the launcher; (id, deadline)."""
    mint_and_approve(long_token, launcher, tree.total, distributor)
    deadline = chain.pending_timestamp + WEEK
    distributor.fund(long_token, tree.root, tree.total, deadline, sender=launcher)
    return 0, deadline


def claim_args(tree, i):
    account, amount = tree.values[i]
    return account, amount, tree.proof(i)


def test_fund__valid__records_distribution_and_pulls_tokens(
    chain, distributor, long_token, launcher, tree
):
    mint_and_approve(long_token, launcher, tree.total, distributor)
    deadline = chain.pending_timestamp + WEEK
    tx = distributor.fund(long_token, tree.root, tree.total, deadline, sender=launcher)
    d = distributor.distribution(0)
    assert (d.sponsor, d.token, d.root) == (launcher.address, long_token.address, tree.root)
    assert (d.deadline, d.funded, d.claimed, d.clawedBack) == (deadline, tree.total, 0, False)
    assert distributor.distributionCount() == 1
    assert long_token.balanceOf(distributor) == tree.total
    event = tx.events[-1]
    assert event.event_name == "DistributionFunded"
    assert (event.id, event.funded, event.deadline) == (0, tree.total, deadline)


def test_fund__fee_on_transfer_token__credits_what_arrived(
    chain, project, distributor, launcher, tree
):
    fot = launcher.deploy(project.FeeOnTransferERC20, 18, 100)  # 1 % fee
    mint_and_approve(fot, launcher, 1000, distributor)
    distributor.fund(fot, tree.root, 1000, chain.pending_timestamp + WEEK, sender=launcher)
    assert distributor.distribution(0).funded == 990


@pytest.mark.parametrize(
    "case", ["token_not_contract", "zero_root", "zero_amount", "deadline_now", "deadline_too_far"]
)
def test_fund__bad_input__reverts_with_its_error(
    chain, distributor, long_token, launcher, tree, case
):
    mint_and_approve(long_token, launcher, tree.total, distributor)
    now = chain.pending_timestamp
    args = {"token": long_token, "root": tree.root, "amount": tree.total, "deadline": now + WEEK}
    if case == "token_not_contract":
        args["token"] = launcher.address
        err = distributor.InvalidToken
    elif case == "zero_root":
        args["root"] = b"\x00" * 32
        err = distributor.ZeroRoot
    elif case == "zero_amount":
        args["amount"] = 0
        err = distributor.ZeroFunding
    elif case == "deadline_now":
        args["deadline"] = now
        err = distributor.InvalidDeadline
    else:
        args["deadline"] = now + distributor.MAX_CLAIM_PERIOD() + 1
        err = distributor.InvalidDeadline
    with ape.reverts(err):
        distributor.fund(*args.values(), sender=launcher)


def test_fund__deadline_error__carries_bounds(chain, distributor, long_token, launcher, tree):
    mint_and_approve(long_token, launcher, tree.total, distributor)
    now = chain.pending_timestamp
    with ape.reverts(
        distributor.InvalidDeadline,
        deadline=now - 1,
        earliest=now + 1,
        latest=now + distributor.MAX_CLAIM_PERIOD(),
    ):
        distributor.fund(long_token, tree.root, tree.total, now - 1, sender=launcher)


def test_fund__fee_takes_everything__reverts_zero_funding(
    chain, project, distributor, launcher, tree
):
    fot = launcher.deploy(project.FeeOnTransferERC20, 18, 10_000)  # 100 % fee
    mint_and_approve(fot, launcher, 1000, distributor)
    with ape.reverts(distributor.ZeroFunding, amount=0):
        distributor.fund(fot, tree.root, 1000, chain.pending_timestamp + WEEK, sender=launcher)


def test_claim__own_leaf__pays_account_and_marks_claimed(
    distributor, long_token, funded, tree, holder
):
    account, amount, proof = claim_args(tree, 0)
    assert account == holder.address
    tx = distributor.claim(0, account, amount, proof, sender=holder)
    assert long_token.balanceOf(holder) == amount
    assert distributor.isClaimed(0, account, amount)
    assert distributor.distribution(0).claimed == amount
    event = tx.events[-1]
    assert (event.event_name, event.account, event.amount, event.caller) == (
        "Claimed",
        account,
        amount,
        holder.address,
    )


def test_claim__relayed_by_other__pays_the_account_not_the_caller(
    distributor, long_token, funded, tree, attacker
):
    account, amount, proof = claim_args(tree, 1)
    distributor.claim(0, account, amount, proof, sender=attacker)
    assert long_token.balanceOf(account) == amount
    assert long_token.balanceOf(attacker) == 0


def test_claim__every_leaf__empties_the_distribution_exactly(
    distributor, long_token, funded, tree, other
):
    for i in range(len(tree.values)):
        distributor.claim(0, *claim_args(tree, i), sender=other)
    assert long_token.balanceOf(distributor) == 0
    assert distributor.distribution(0).claimed == tree.total


def test_claim__second_time__reverts_already_claimed(distributor, funded, tree, holder):
    account, amount, proof = claim_args(tree, 0)
    distributor.claim(0, account, amount, proof, sender=holder)
    with ape.reverts(distributor.AlreadyClaimed, id=0, account=account, amount=amount):
        distributor.claim(0, account, amount, proof, sender=holder)


def test_claim__duplicate_leaf_in_tree__pays_once(chain, distributor, long_token, launcher, holder):
    dup = AirdropTree.build([(holder.address, 5), (holder.address, 5)])
    mint_and_approve(long_token, launcher, 10, distributor)
    distributor.fund(long_token, dup.root, 10, chain.pending_timestamp + WEEK, sender=launcher)
    distributor.claim(0, holder, 5, dup.proof(0), sender=holder)
    with ape.reverts(distributor.AlreadyClaimed):
        distributor.claim(0, holder, 5, dup.proof(1), sender=holder)


def test_claim__same_account_two_amounts__pays_both_leaves(
    chain, distributor, long_token, launcher, holder
):
    two = AirdropTree.build([(holder.address, 5), (holder.address, 6)])
    mint_and_approve(long_token, launcher, 11, distributor)
    distributor.fund(long_token, two.root, 11, chain.pending_timestamp + WEEK, sender=launcher)
    distributor.claim(0, holder, 5, two.proof(0), sender=holder)
    distributor.claim(0, holder, 6, two.proof(1), sender=holder)
    assert long_token.balanceOf(holder) == 11


@pytest.mark.parametrize("tamper", ["amount", "account", "proof"])
def test_claim__tampered_leaf_or_proof__reverts_invalid_proof(
    distributor, funded, tree, attacker, tamper
):
    account, amount, proof = claim_args(tree, 1)
    if tamper == "amount":
        amount += 1
    elif tamper == "account":
        account = attacker.address
    else:
        proof = [bytes(32)] + proof[1:]
    with ape.reverts(distributor.InvalidProof, id=0, account=account, amount=amount):
        distributor.claim(0, account, amount, proof, sender=attacker)


def test_claim__one_leaf_tree_with_empty_proof__pays(
    chain, distributor, long_token, launcher, holder
):
    single = AirdropTree.build([(holder.address, 9)])
    assert single.proof(0) == []
    mint_and_approve(long_token, launcher, 9, distributor)
    distributor.fund(long_token, single.root, 9, chain.pending_timestamp + WEEK, sender=launcher)
    distributor.claim(0, holder, 9, [], sender=holder)
    assert long_token.balanceOf(holder) == 9


def test_claim__at_deadline__pays(chain, distributor, long_token, funded, tree, holder):
    _, deadline = funded
    chain.pending_timestamp = deadline
    distributor.claim(0, *claim_args(tree, 0), sender=holder)
    assert long_token.balanceOf(holder) == tree.values[0][1]


def test_claim__after_deadline__reverts_claim_period_over(chain, distributor, funded, tree, holder):
    _, deadline = funded
    chain.pending_timestamp = deadline + 1
    with ape.reverts(
        distributor.ClaimPeriodOver, id=0, deadline=deadline, nowTimestamp=deadline + 1
    ):
        distributor.claim(0, *claim_args(tree, 0), sender=holder)


def test_claim__unknown_id__reverts_unknown_distribution(distributor, funded, tree, holder):
    with ape.reverts(distributor.UnknownDistribution, id=1):
        distributor.claim(1, *claim_args(tree, 0), sender=holder)
    with ape.reverts(distributor.UnknownDistribution, id=5):
        distributor.distribution(5)
    with ape.reverts(distributor.UnknownDistribution, id=5):
        distributor.isClaimed(5, holder, 1)


def test_claim__bad_root_leaves_exceed_funding__pays_only_up_to_funding(
    chain, distributor, long_token, launcher, tree, other, holder
):
    """I-D1: a root whose leaves sum to more than was funded pays first come first served and
    never touches another distribution's tokens."""
    # A second, correct distribution of the same token holds tokens the bad one must not reach.
    mint_and_approve(long_token, launcher, tree.total + 120 * UNIT, distributor)
    deadline = chain.pending_timestamp + WEEK
    distributor.fund(long_token, tree.root, tree.total, deadline, sender=launcher)
    distributor.fund(
        long_token, tree.root, 120 * UNIT, deadline, sender=launcher
    )  # id 1: underfunded
    distributor.claim(1, *claim_args(tree, 0), sender=other)  # 100 of 120
    account, amount, proof = claim_args(tree, 1)  # 250 > 20 left
    with ape.reverts(distributor.ExceedsFunding, id=1, amount=amount, remaining=20 * UNIT):
        distributor.claim(1, account, amount, proof, sender=other)
    assert distributor.distribution(1).claimed == 100 * UNIT
    # Distribution 0 still pays everything in full.
    for i in range(len(tree.values)):
        distributor.claim(0, *claim_args(tree, i), sender=other)
    assert long_token.balanceOf(distributor) == 20 * UNIT
    assert distributor.distribution(0).claimed == tree.total


def test_clawback__after_deadline__returns_unclaimed_once(
    chain, distributor, long_token, funded, tree, launcher, holder
):
    _, deadline = funded
    distributor.claim(0, *claim_args(tree, 0), sender=holder)
    chain.pending_timestamp = deadline + 1
    rest = tree.total - tree.values[0][1]
    tx = distributor.clawback(0, launcher, sender=launcher)
    assert long_token.balanceOf(launcher) == rest
    assert tx.events[-1].amount == rest
    d = distributor.distribution(0)
    assert d.clawedBack and d.claimed == d.funded
    with ape.reverts(distributor.AlreadyClawedBack, id=0):
        distributor.clawback(0, launcher, sender=launcher)


def test_clawback__to_another_address__sends_there(
    chain, distributor, long_token, funded, tree, launcher, other
):
    chain.pending_timestamp = funded[1] + 1
    distributor.clawback(0, other, sender=launcher)
    assert long_token.balanceOf(other) == tree.total


def test_clawback__everything_claimed__sends_zero(
    chain, distributor, long_token, funded, tree, launcher
):
    for i in range(len(tree.values)):
        distributor.claim(0, *claim_args(tree, i), sender=launcher)
    chain.pending_timestamp = funded[1] + 1
    tx = distributor.clawback(0, launcher, sender=launcher)
    assert tx.events[-1].amount == 0
    assert long_token.balanceOf(launcher) == 0


def test_clawback__at_deadline__reverts_claim_period_not_over(chain, distributor, funded, launcher):
    _, deadline = funded
    chain.pending_timestamp = deadline
    with ape.reverts(
        distributor.ClaimPeriodNotOver, id=0, deadline=deadline, nowTimestamp=deadline
    ):
        distributor.clawback(0, launcher, sender=launcher)


def test_clawback__not_sponsor__reverts_not_sponsor(chain, distributor, funded, launcher, attacker):
    chain.pending_timestamp = funded[1] + 1
    with ape.reverts(distributor.NotSponsor, caller=attacker.address, sponsor=launcher.address):
        distributor.clawback(0, attacker, sender=attacker)


def test_clawback__zero_recipient__reverts(chain, distributor, funded, launcher):
    chain.pending_timestamp = funded[1] + 1
    with ape.reverts(distributor.ZeroRecipient):
        distributor.clawback(0, "0x" + "00" * 20, sender=launcher)


def test_clawback__after_clawback_claims__still_refused(chain, distributor, funded, tree, launcher):
    chain.pending_timestamp = funded[1] + 1
    distributor.clawback(0, launcher, sender=launcher)
    with ape.reverts(distributor.ClaimPeriodOver):
        distributor.claim(0, *claim_args(tree, 0), sender=launcher)


def test_donation__direct_transfer__changes_no_distribution(
    chain, distributor, long_token, funded, tree, launcher, attacker
):
    """I-D4: tokens sent to the contract directly are inert; clawback returns the funded rest only."""
    long_token.mint(attacker, 1000, sender=attacker)
    long_token.transfer(distributor, 1000, sender=attacker)
    chain.pending_timestamp = funded[1] + 1
    distributor.clawback(0, launcher, sender=launcher)
    assert long_token.balanceOf(launcher) == tree.total
    assert long_token.balanceOf(distributor) == 1000


def test_leaf_hash__matches_python_tree(distributor, tree):
    account, amount = tree.values[2]
    from kpi_options.distribution.merkle import leaf_hash

    assert distributor.leafHash(account, amount) == leaf_hash(account, amount)

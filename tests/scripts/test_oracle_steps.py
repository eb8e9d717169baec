"""``expire``, ``request-early-expiry``, ``propose``, ``dispute``, ``resolve``, ``settle``.

The Linear demo pair (1000 UMA locked, bond 50 UMA + final fee 1 UMA, liveness 2 h) walks the
expiry path; the Milestones pair (USDC, bond 100 + final fee 5, early expiry on) the early one.
"""

import pytest

from kpi_options import lifecycle as lc
from kpi_options.chain.env import Env
from kpi_options.chain.oracle import OracleState
from kpi_options.chain.pair import IGNORE_PRICE, PairState
from kpi_options.errors import LifecycleError
from tests.fixtures.oracle import on_both_stacks
from tests.fixtures.scripts import DAY, advance, refused

WAD = 10**18
USDC = 10**6
POSTED = 51 * WAD  # the Linear pair's bond + the UMA final fee


def _state(p):
    return PairState(p.contract.pairState())


@pytest.fixture
def expired_linear(kpi_env, linear_minted, requester, chain):
    """``linear`` past its expiry with the expiry price requested."""
    advance(chain, 7 * DAY)
    lc.expire(kpi_env, requester, "linear")
    return linear_minted


@pytest.fixture
def proposed_linear(kpi_env, expired_linear, proposer, deployer):
    """``expired_linear`` with 0.9 proposed by ``proposer``."""
    lc.faucet(kpi_env, deployer, "UMA", "51", to=proposer.address)
    lc.propose(kpi_env, proposer, "linear", "0.9")
    return expired_linear


@pytest.fixture
def disputed_linear(kpi_env, proposed_linear, disputer, deployer):
    """``proposed_linear`` disputed by ``disputer``."""
    lc.faucet(kpi_env, deployer, "UMA", "51", to=disputer.address)
    lc.dispute(kpi_env, disputer, "linear")
    return proposed_linear


@pytest.fixture
def early_milestones(kpi_env, milestones_launch, sponsor, deployer, proposer, chain):
    """``milestones`` with 100 pairs minted (1000 USDC) and the proposer funded for two bonds."""
    lc.faucet(kpi_env, deployer, "USDC", "1000", to=sponsor.address)
    lc.mint(kpi_env, sponsor, "milestones", "100")
    lc.faucet(kpi_env, deployer, "USDC", "210", to=proposer.address)
    advance(chain, DAY)
    return kpi_env.pair("milestones")


# --- expire --------------------------------------------------------------------------------------


def test_expire__before_expiry__refused(kpi_cli, linear_minted, requester, nothing_sent):
    with nothing_sent(requester):
        result = kpi_cli("expire", "linear", account=requester)
    refused(result, "PAIR", "the pair expires at", "expire works from then")


def test_expire__after_expiry__requests_the_expiry_price(kpi_cli, linear_minted, requester, chain):
    advance(chain, 7 * DAY)
    result = kpi_cli("expire", "linear", account=requester)
    assert result.exit_code == 0, result.output
    assert _state(linear_minted) == PairState.ExpiryPricePending
    assert linear_minted.request(early=False).state == OracleState.Requested


def test_expire__twice__refused(kpi_cli, expired_linear, requester, nothing_sent):
    with nothing_sent(requester):
        result = kpi_cli("expire", "linear", account=requester)
    refused(result, "PAIR", "expire was already called (expiry request is Requested)")


# --- propose -------------------------------------------------------------------------------------


def test_propose__expiry_price__posts_bond_and_final_fee(
    kpi_cli, kpi_env, expired_linear, proposer, deployer
):
    lc.faucet(kpi_env, deployer, "UMA", "60", to=proposer.address)
    result = kpi_cli("propose", "linear", "0.75", account=proposer)
    assert result.exit_code == 0, result.output
    request = expired_linear.request(early=False)
    assert request.state == OracleState.Proposed
    assert request.proposed_price == 75 * WAD // 100
    assert request.proposer == proposer.address
    assert expired_linear.collateral.balanceOf(proposer) == 60 * WAD - POSTED


@pytest.mark.parametrize(
    ("args", "param", "fragment"),
    [
        (("0.1234567890123456789",), "PRICE", "more than 18 decimals"),
        (("lots",), "PRICE", "not a number"),
        ((), "PRICE", "give a price (human units) or --ignore"),
        (("--ignore",), "--ignore", "only answers early-expiry requests; add --early"),
        (("0.5", "--ignore", "--early"), "PRICE", "not both"),
        (("0.5", "--early"), "--early", "no early-expiry request has been made"),
    ],
)
def test_propose__bad_input__refused_and_nothing_sent(
    kpi_cli, kpi_env, expired_linear, proposer, deployer, nothing_sent, args, param, fragment
):
    lc.faucet(kpi_env, deployer, "UMA", "51", to=proposer.address)
    with nothing_sent(proposer):
        result = kpi_cli("propose", "linear", *args, account=proposer)
    refused(result, param, fragment)


def test_propose__before_expire__says_to_expire_first(kpi_cli, linear_minted, proposer):
    result = kpi_cli("propose", "linear", "0.5", account=proposer)
    refused(result, "PAIR", "no expiry request yet: run expire first")


def test_propose__without_the_bond__refused(kpi_cli, expired_linear, proposer, nothing_sent):
    with nothing_sent(proposer):
        result = kpi_cli("propose", "linear", "0.5", account=proposer)
    refused(result, "--account", "the proposal bond + final fee needs 51 UMA", "holds 0")


def test_propose__twice__refused(kpi_cli, proposed_linear, other, nothing_sent):
    with nothing_sent(other):
        result = kpi_cli("propose", "linear", "0.5", account=other)
    refused(result, "PAIR", "already has a proposal (state Proposed)")


# --- dispute -------------------------------------------------------------------------------------


def test_dispute__within_liveness__posts_bond_and_goes_to_the_dvm(
    kpi_cli, kpi_env, proposed_linear, disputer, deployer
):
    lc.faucet(kpi_env, deployer, "UMA", "51", to=disputer.address)
    result = kpi_cli("dispute", "linear", account=disputer)
    assert result.exit_code == 0, result.output
    assert proposed_linear.request(early=False).state == OracleState.Disputed
    assert proposed_linear.collateral.balanceOf(disputer) == 0
    assert _state(proposed_linear) == PairState.ExpiryPricePending


def test_dispute__nothing_proposed__refused(kpi_cli, expired_linear, disputer, nothing_sent):
    with nothing_sent(disputer):
        result = kpi_cli("dispute", "linear", account=disputer)
    refused(result, "PAIR", "no proposal in liveness to dispute (state Requested)")


def test_dispute__after_liveness__refused(kpi_cli, proposed_linear, disputer, chain, nothing_sent):
    advance(chain, 7200)
    with nothing_sent(disputer):
        result = kpi_cli("dispute", "linear", account=disputer)
    refused(result, "PAIR", "(state Expired)")


# --- resolve -------------------------------------------------------------------------------------


def test_resolve__dvm_owner__resolves_and_the_price_becomes_available(
    kpi_cli, disputed_linear, deployer
):
    result = kpi_cli("resolve", "linear", "0.75", account=deployer)
    assert result.exit_code == 0, result.output
    assert disputed_linear.request(early=False).state == OracleState.Resolved
    assert _state(disputed_linear) == PairState.ExpiryPriceAvailable


@pytest.mark.parametrize("oracle_kind", ["uma"], indirect=True)
def test_resolve__uma_stack_any_account__resolves_and_says_anyone_may(
    kpi_cli, disputed_linear, other, oracle_kind
):
    """UMA's own MockOracleAncillary has no owner(): resolve pushes as the calling account."""
    result = kpi_cli("resolve", "linear", "0.75", account=other)
    assert result.exit_code == 0, result.output
    assert "anyone may push a price" in result.output
    assert disputed_linear.request(early=False).state == OracleState.Resolved
    assert _state(disputed_linear) == PairState.ExpiryPriceAvailable


def test_resolve__not_the_dvm_owner__refused(kpi_cli, disputed_linear, other, nothing_sent):
    with nothing_sent(other):
        result = kpi_cli("resolve", "linear", "0.75", account=other)
    refused(result, "--account", "only the DVM stand-in's owner")


def test_resolve__not_disputed__refused(kpi_cli, proposed_linear, deployer, nothing_sent):
    with nothing_sent(deployer):
        result = kpi_cli("resolve", "linear", "0.75", account=deployer)
    refused(result, "PAIR", "not waiting for the DVM (state Proposed)")


def test_resolve__live_network__refused(project, chain, kpi_dir, disputed_linear, deployer):
    env = Env.connect(project, chain, kpi_dir, network="local", local=False)
    with pytest.raises(LifecycleError) as info:
        lc.resolve(env, deployer, "linear", "0.75")
    assert info.value.param == "--network"


# --- settle --------------------------------------------------------------------------------------


@on_both_stacks
def test_settle__after_dvm_resolution__pays_both_sides_and_the_disputer_wins(
    kpi_cli, kpi_env, disputed_linear, deployer, sponsor, holder, disputer, proposer
):
    lc.resolve(kpi_env, deployer, "linear", "0.75")
    disputed_linear.long_token.transfer(holder, 400 * WAD, sender=sponsor)
    result = kpi_cli("settle", "linear", account=holder)
    assert result.exit_code == 0, result.output
    assert disputed_linear.collateral.balanceOf(holder) == 300 * WAD  # 400 x 0.75
    result = kpi_cli("settle", "linear", account=sponsor)
    assert result.exit_code == 0, result.output
    assert disputed_linear.collateral.balanceOf(sponsor) == 600 * 75 * WAD // 100 + 1000 * WAD // 4
    assert disputed_linear.collateral.balanceOf(disputed_linear.address) == 0
    # The pair's first settle settled the oracle request: bond + half the loser's + final fee.
    assert disputed_linear.collateral.balanceOf(disputer) == 76 * WAD
    assert disputed_linear.collateral.balanceOf(proposer) == 0


def test_settle__no_price_yet__refused(kpi_cli, proposed_linear, sponsor, nothing_sent):
    with nothing_sent(sponsor):
        result = kpi_cli("settle", "linear", account=sponsor)
    refused(result, "PAIR", "no settlement price yet (state ExpiryPricePending)")


def test_settle__account_without_tokens__refused(
    kpi_cli, proposed_linear, other, chain, nothing_sent
):
    advance(chain, 7200)
    with nothing_sent(other):
        result = kpi_cli("settle", "linear", account=other)
    refused(result, "--account", "holds no long or short tokens")


def test_settle__oracle_only__returns_the_proposer_bond(kpi_cli, proposed_linear, proposer, chain):
    advance(chain, 7200)
    result = kpi_cli("settle", "linear", "--oracle-only", account=proposer)
    assert result.exit_code == 0, result.output
    assert proposed_linear.collateral.balanceOf(proposer) == POSTED
    assert proposed_linear.request(early=False).state == OracleState.Settled
    assert "settled the expiry request(s)" in result.output


def test_settle__oracle_only_nothing_ready__refused(
    kpi_cli, proposed_linear, proposer, nothing_sent
):
    with nothing_sent(proposer):
        result = kpi_cli("settle", "linear", "--oracle-only", account=proposer)
    refused(result, "PAIR", "no oracle request is ready to settle (expiry Proposed)")


# --- early expiry ------------------------------------------------------------------------------


def test_request_early_expiry__disabled_pair__refused(
    kpi_cli, linear_minted, requester, nothing_sent
):
    with nothing_sent(requester):
        result = kpi_cli("request-early-expiry", "linear", account=requester)
    refused(result, "PAIR", "launched with early expiration off")


@pytest.mark.parametrize(
    ("timestamp", "fragment"), [("0", "greater than 0"), ("99999999999", "in the future")]
)
def test_request_early_expiry__bad_timestamp__refused(
    kpi_cli, early_milestones, requester, nothing_sent, timestamp, fragment
):
    with nothing_sent(requester):
        result = kpi_cli(
            "request-early-expiry", "milestones", "--timestamp", timestamp, account=requester
        )
    refused(result, "--timestamp", fragment)


def test_early_expiry__rejected_then_accepted__settles_early(
    kpi_cli, early_milestones, requester, proposer, sponsor, chain
):
    p = early_milestones
    result = kpi_cli("request-early-expiry", "milestones", account=requester)
    assert result.exit_code == 0, result.output
    first = int(p.contract.earlyExpirationTimestamp())
    assert first == chain.blocks[-2].timestamp
    assert _state(p) == PairState.EarlyExpiryPending

    # A pending request does not block a new one, but its own timestamp cannot be asked again.
    again = kpi_cli("request-early-expiry", "milestones", "--timestamp", first, account=requester)
    refused(again, "--timestamp", "was already made and is Requested")

    result = kpi_cli("propose", "milestones", "--ignore", "--early", account=proposer)
    assert result.exit_code == 0, result.output
    assert p.request(early=True).proposed_price == IGNORE_PRICE
    advance(chain, 7200)
    assert _state(p) == PairState.Open
    result = kpi_cli("settle", "milestones", "--oracle-only", account=proposer)
    assert result.exit_code == 0, result.output
    assert p.collateral.balanceOf(proposer) == 210 * USDC  # bond + final fee back

    reused = kpi_cli("request-early-expiry", "milestones", "--timestamp", first, account=requester)
    refused(reused, "--timestamp", "was already made")
    early_settle = kpi_cli("settle", "milestones", account=sponsor)
    refused(early_settle, "PAIR", "no settlement price yet (state Open)")

    advance(chain, DAY)
    result = kpi_cli("request-early-expiry", "milestones", account=requester)
    assert result.exit_code == 0, result.output
    result = kpi_cli("propose", "milestones", "1000", "--early", account=proposer)
    assert result.exit_code == 0, result.output
    advance(chain, 7200)
    assert _state(p) == PairState.EarlyExpired
    expire = kpi_cli("expire", "milestones", account=requester)
    refused(expire, "PAIR", "an early expiry was accepted")
    result = kpi_cli("settle", "milestones", account=sponsor)
    assert result.exit_code == 0, result.output
    # $1B reaches the second milestone: 50 % of 10 USDC to each long, the rest to each short.
    assert p.contract.expiryPercentLong() == WAD // 2
    assert p.collateral.balanceOf(sponsor) == 1000 * USDC
    assert p.collateral.balanceOf(p.address) == 0


def test_request_early_expiry__buried_request_answered__asking_again_accepts_it(
    kpi_cli, early_milestones, requester, proposer, attacker, sponsor, chain
):
    """M-1: a newer request on top does not hide an answered one; the CLI records it (no reward)."""
    p = early_milestones
    result = kpi_cli("request-early-expiry", "milestones", account=requester)
    assert result.exit_code == 0, result.output
    honest = int(p.contract.earlyExpirationTimestamp())
    result = kpi_cli("propose", "milestones", "1000", "--early", account=proposer)
    assert result.exit_code == 0, result.output
    # A griefer's request goes on top while the honest answer runs its liveness.
    reward = int(p.contract.proposerReward())
    p.collateral.approve(p.address, reward, sender=attacker)
    if reward:
        p.collateral.transfer(attacker, reward, sender=sponsor)
    p.contract.requestEarlyExpiration(honest + 1, sender=attacker)
    assert _state(p) == PairState.EarlyExpiryPending
    advance(chain, 7200)
    before = p.collateral.balanceOf(requester)
    result = kpi_cli("request-early-expiry", "milestones", "--timestamp", honest, account=requester)
    assert result.exit_code == 0, result.output
    assert p.collateral.balanceOf(requester) == before
    assert _state(p) == PairState.EarlyExpired
    assert int(p.contract.earlyExpirationTimestamp()) == honest

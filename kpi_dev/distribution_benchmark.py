"""Gas of the distribution contracts and the cost of an airdrop to many holders (docs/GAS.md).

:func:`run_distribution_benchmark` deploys a ``MerkleDistributor``, a ``LiquidityMining`` emitter
and two ``TestERC20`` tokens on the connected chain and returns the receipt ``gasUsed`` of:

- ``merkle_fund``: funding a distribution of a tree of :data:`AIRDROP_HOLDERS` recipients;
- ``merkle_claim_first`` / ``merkle_claim_later``: the first claim of that distribution and a later
  one (both to accounts holding no token yet, proofs of the tree's depth);
- ``transfer_to_new_holder``: one ERC20 transfer to an account holding no token yet (what a
  direct airdrop pays per holder);
- ``mining_fund``, ``mining_stake_first`` (first staker), ``mining_stake``, ``mining_withdraw``,
  ``mining_claim``: the emission's operations.

:func:`airdrop_cost` turns these into what an airdrop to ``holders`` accounts costs by transfers
(the team pays every transfer) and by Merkle claims (the team pays one funding; each claimant pays
its own claim). :func:`tree_build_cost` times building a tree file of ``n`` recipients and its peak
memory (``tracemalloc``), in this process.
"""

from __future__ import annotations

import random
import time
import tracemalloc
from dataclasses import dataclass
from typing import Any

from kpi_options.distribution.merkle import AirdropTree

AIRDROP_HOLDERS = 10_000
UNIT = 10**18
MAX_UINT = 2**256 - 1


@dataclass(frozen=True)
class DistributionGas:
    operations: dict[str, int]
    tree_depth: int
    holders: int


def _random_recipients(n: int, seed: int = 13) -> list[tuple[str, int]]:
    rng = random.Random(seed)
    return [("0x" + rng.randbytes(20).hex(), rng.randrange(1, 100) * UNIT) for _ in range(n)]


def run_distribution_benchmark(
    project: Any, chain: Any, accounts: Any, holders: int = AIRDROP_HOLDERS
) -> DistributionGas:
    """Measure every operation listed in the module docstring; needs 4 funded accounts."""
    deployer, sponsor, staker, second = accounts[:4]
    gas: dict[str, int] = {}
    token = deployer.deploy(project.TestERC20, "KPI long", "KPIL", 18)
    pool = deployer.deploy(project.TestERC20, "Pool token", "BPT", 18)

    tree = AirdropTree.build(_random_recipients(holders))
    distributor = deployer.deploy(project.MerkleDistributor)
    token.mint(sponsor, tree.total + 10 * UNIT, sender=sponsor)
    token.approve(distributor, MAX_UINT, sender=sponsor)
    deadline = chain.pending_timestamp + 30 * 86400
    gas["merkle_fund"] = distributor.fund(
        token, tree.root, tree.total, deadline, sender=sponsor
    ).gas_used
    for key, i in (("merkle_claim_first", 0), ("merkle_claim_later", 1)):
        account, amount = tree.values[i]
        gas[key] = distributor.claim(0, account, amount, tree.proof(i), sender=staker).gas_used
    fresh = "0x" + random.Random(99).randbytes(20).hex()
    gas["transfer_to_new_holder"] = token.transfer(fresh, UNIT, sender=sponsor).gas_used

    mining = deployer.deploy(project.LiquidityMining, pool, token, sponsor)
    gas["mining_deploy"] = chain.get_receipt(mining.txn_hash).gas_used
    token.mint(sponsor, 3500 * UNIT, sender=sponsor)
    token.approve(mining, MAX_UINT, sender=sponsor)
    for account in (staker, second):
        pool.mint(account, 1000 * UNIT, sender=account)
        pool.approve(mining, MAX_UINT, sender=account)
    gas["mining_fund"] = mining.fund(3500 * UNIT, 30 * 86400, sender=sponsor).gas_used
    gas["mining_stake_first"] = mining.stake(100 * UNIT, sender=staker).gas_used
    chain.mine(timestamp=chain.pending_timestamp + 3600)
    gas["mining_stake"] = mining.stake(100 * UNIT, sender=second).gas_used
    chain.mine(timestamp=chain.pending_timestamp + 3600)
    gas["mining_withdraw"] = mining.withdraw(50 * UNIT, sender=staker).gas_used
    chain.mine(timestamp=chain.pending_timestamp + 3600)
    gas["mining_claim"] = mining.claim(sender=staker).gas_used
    return DistributionGas(gas, len(tree.proof(0)), holders)


def airdrop_cost(figures: dict[str, int], holders: int = AIRDROP_HOLDERS) -> dict[str, int]:
    """Gas to airdrop to ``holders`` accounts from the figures of :func:`run_distribution_benchmark`:
    by transfers (all paid by the team) and by Merkle claims (the team's one funding; the
    claimants' claims, the first claim priced once)."""
    ops = figures
    return {
        "by_transfer_team": holders * ops["transfer_to_new_holder"],
        "by_merkle_team": ops["merkle_fund"],
        "by_merkle_claimants": ops["merkle_claim_first"]
        + (holders - 1) * ops["merkle_claim_later"],
    }


def tree_build_cost(n: int) -> dict[str, float]:
    """Seconds to build a tree of ``n`` recipients and its tree file (dump + per-account proofs),
    and the peak memory of doing so in MiB (tracemalloc, which slows the run: timed apart)."""
    values = _random_recipients(n)
    started = time.perf_counter()
    tree = AirdropTree.build(values)
    built = time.perf_counter()
    tree.to_file_dict()
    done = time.perf_counter()
    tracemalloc.start()
    try:
        AirdropTree.build(values).to_file_dict()
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return {
        "recipients": n,
        "build_seconds": round(built - started, 2),
        "file_seconds": round(done - built, 2),
        "peak_mib": round(peak / 2**20, 1),
    }

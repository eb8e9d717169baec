"""Merkle airdrops through the ``MerkleDistributor`` (SPEC §11): tree files from a recipients CSV,
funding with a deadline, claims (for oneself or for others, from the tree file), status, clawback.

Every function checks its inputs and the chain state first and raises
:class:`kpi_options.errors.DistributionError` (naming the argument) before sending anything.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kpi_options.chain.env import Env
from kpi_options.chain.tx import approve, is_recorded, require_balance
from kpi_options.distribution.merkle import AirdropTree, load_tree_file
from kpi_options.distribution.transfers import read_recipients
from kpi_options.errors import DistributionError

__all__ = [
    "ClaimResult",
    "DistributionStatus",
    "build_tree",
    "claim",
    "clawback",
    "distributor",
    "fund",
    "status",
]

MAX_CLAIM_PERIOD = 5 * 365 * 86400
"""The contract's longest claim period, seconds (``MerkleDistributor.MAX_CLAIM_PERIOD``)."""


def distributor(env: Env) -> Any:
    """The recorded ``MerkleDistributor`` (``ape run kpi deploy`` deploys it)."""
    address = env.deployments.require("merkleDistributor", env.provider)
    return env.project.MerkleDistributor.at(address)


def build_tree(csv_path: str | Path, decimals: int, out_path: str | Path) -> AirdropTree:
    """Read ``address,amount`` rows (human amounts in ``decimals``; duplicates, zero amounts and bad
    addresses refused by :func:`read_recipients`) and write the tree file to ``out_path``."""
    rows = read_recipients(csv_path, decimals)
    tree = AirdropTree.build([(r.address, r.amount) for r in rows])
    tree.write(out_path)
    return tree


def _tree(tree_path: str | Path) -> AirdropTree:
    return load_tree_file(tree_path)


def fund(
    env: Env, sponsor: Any, tree_path: str | Path, token: Any, deadline: int
) -> tuple[int, AirdropTree]:
    """Fund a new distribution of ``token`` with the tree's root and exactly its total, claimable
    until ``deadline`` (unix seconds). Returns the distribution id and the tree."""
    tree = _tree(tree_path)
    now = env.chain.pending_timestamp
    if not now < deadline <= now + MAX_CLAIM_PERIOD:
        raise DistributionError(
            f"deadline must be after now ({now}) and at most 5 years ahead, got {deadline}",
            "--deadline",
        )
    d = distributor(env)
    require_balance(token, sponsor, tree.total, "TREE_FILE", "funding the tree", str)
    approve(token, sponsor, d, tree.total)
    count = int(d.distributionCount())
    receipt = d.fund(token, tree.root, tree.total, deadline, sender=sponsor)
    if is_recorded(receipt):  # the id it gets once the Safe executes, if no other fund comes first
        return count, tree
    event = next(e for e in receipt.events if e.event_name == "DistributionFunded")
    if int(event.funded) != tree.total:
        env.log(f"warning: the token took a fee: funded {event.funded} of {tree.total}")
    return int(event.id), tree


@dataclass(frozen=True)
class ClaimResult:
    claimed: list[tuple[str, int]]  # (account, raw amount) paid by this call
    skipped: list[tuple[str, int]]  # leaves already claimed before


def claim(
    env: Env, sender: Any, tree_path: str | Path, dist_id: int, accounts: list[str] | None = None
) -> ClaimResult:
    """Claim every unclaimed leaf of ``accounts`` (default: the sender) in distribution ``dist_id``;
    ``accounts == ["all"]`` claims every leaf of the tree (a relayer paying the gas)."""
    tree = _tree(tree_path)
    d = distributor(env)
    record = _record(d, dist_id)
    if "0x" + tree.root.hex() != _hex(record.root):
        raise DistributionError(
            f"the tree's root is not distribution {dist_id}'s root {_hex(record.root)}", "TREE_FILE"
        )
    if env.chain.pending_timestamp > int(record.deadline):
        raise DistributionError(f"distribution {dist_id}'s claim period is over", "ID")
    if accounts == ["all"]:
        wanted = None
    else:
        wanted = {a.lower() for a in (accounts or [sender.address])}
        held = {a.lower() for a, _ in tree.values}
        missing = sorted(wanted - held)
        if missing:
            raise DistributionError(f"not in the tree: {', '.join(missing)}", "--for")
    result = ClaimResult([], [])
    seen: set[tuple[str, int]] = set()
    for i, (account, amount) in enumerate(tree.values):
        if wanted is not None and account.lower() not in wanted:
            continue
        if (account, amount) in seen or d.isClaimed(dist_id, account, amount):
            result.skipped.append((account, amount))
            continue
        seen.add((account, amount))
        d.claim(dist_id, account, amount, tree.proof(i), sender=sender)
        result.claimed.append((account, amount))
    return result


@dataclass(frozen=True)
class DistributionStatus:
    id: int
    token: str
    sponsor: str
    funded: int
    claimed: int
    deadline: int
    seconds_left: int  # 0 once the deadline has passed
    clawed_back: bool
    leaves: int | None  # with a tree file: its number of leaves
    leaves_claimed: int | None

    @property
    def unclaimed(self) -> int:
        return self.funded - self.claimed


def status(env: Env, dist_id: int, tree_path: str | Path | None = None) -> DistributionStatus:
    """Funded, claimed, unclaimed and time left of ``dist_id``; with the tree, how many leaves are paid."""
    d = distributor(env)
    record = _record(d, dist_id)
    leaves = leaves_claimed = None
    if tree_path is not None:
        tree = _tree(tree_path)
        leaves = len(tree.values)
        leaves_claimed = sum(1 for a, n in tree.values if d.isClaimed(dist_id, a, n))
    now = int(env.chain.blocks.head.timestamp)
    return DistributionStatus(
        id=dist_id,
        token=str(record.token),
        sponsor=str(record.sponsor),
        funded=int(record.funded),
        claimed=int(record.claimed),
        deadline=int(record.deadline),
        seconds_left=max(int(record.deadline) - now, 0),
        clawed_back=bool(record.clawedBack),
        leaves=leaves,
        leaves_claimed=leaves_claimed,
    )


def clawback(env: Env, sponsor: Any, dist_id: int, to: str | None = None) -> int:
    """After the deadline, send what ``dist_id`` did not pay out to ``to`` (default the sponsor)."""
    d = distributor(env)
    record = _record(d, dist_id)
    if str(record.sponsor).lower() != sponsor.address.lower():
        raise DistributionError(f"only the sponsor {record.sponsor} may claw back", "--account")
    if env.chain.pending_timestamp <= int(record.deadline):
        raise DistributionError(
            f"claims are open until {int(record.deadline)}: clawback works after", "ID"
        )
    if record.clawedBack:
        raise DistributionError(f"distribution {dist_id} was already clawed back", "ID")
    receipt = d.clawback(dist_id, to or sponsor.address, sender=sponsor)
    if is_recorded(receipt):  # what it will send: nothing more can be claimed after the deadline
        return int(record.funded) - int(record.claimed)
    event = next(e for e in receipt.events if e.event_name == "ClawedBack")
    return int(event.amount)


def _record(d: Any, dist_id: int) -> Any:
    count = int(d.distributionCount())
    if not 0 <= dist_id < count:
        raise DistributionError(f"no distribution {dist_id} (there are {count})", "ID")
    return d.distribution(dist_id)


def _hex(value: Any) -> str:
    return "0x" + bytes(value).hex() if not isinstance(value, str) else value.lower()

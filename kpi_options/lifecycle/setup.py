"""Set up a chain: deploy the system and record it, mint local test tokens, move local time."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from kpi_options.chain.abi import DEFAULT_TEST_TOKENS, TestToken
from kpi_options.chain.deployments import Deployments, has_code
from kpi_options.chain.env import Env
from kpi_options.chain.system import ORACLE_KINDS, deploy_system
from kpi_options.errors import LifecycleError
from kpi_options.uma.chains import find_uma_deployment
from kpi_options.units import check_address, parse_amount


@dataclass(frozen=True)
class DeployResult:
    deployments: Deployments
    local_stack: bool


def deploy(
    env: Env,
    sender: Any,
    *,
    finder: str | None = None,
    liveness: int = 7200,
    tokens: Iterable[TestToken] = DEFAULT_TEST_TOKENS,
    redeploy: bool = False,
    oracle: str = "mock",
) -> DeployResult:
    """Deploy the creator and every payout library, plus (local only) the oracle stack and test tokens.

    On a local network without ``finder``: the local oracle stack (``oracle``: ``"mock"``, the
    project's Finder, whitelists, Store, OOv2 and DVM stand-in; or ``"uma"``, UMA's own contracts
    from ``@uma/core``; owned by ``sender``), one whitelisted TestERC20 per ``tokens`` entry, the
    creator and the libraries. Elsewhere only the creator and the libraries are deployed, against
    ``finder`` or, without it, UMA's Finder for the chain id (``@uma/contracts-node``; refused
    when the connected node has no code there). Records everything in the deployments file and
    saves it.
    """
    if oracle not in ORACLE_KINDS:
        raise LifecycleError(
            f"must be one of {', '.join(ORACLE_KINDS)}, got {oracle!r}", "--oracle"
        )
    project, deployments = env.project, env.deployments
    existing = deployments.contracts.get("creator")
    if deployments.pairs and not redeploy:
        names = ", ".join(sorted(deployments.pairs))
        raise LifecycleError(
            f"{deployments.path} records pairs ({names}); deploying would replace the record and "
            "drop them. Pass --redeploy to replace it anyway, or use another --deployments folder",
            "--redeploy",
        )
    if existing and has_code(env.provider, existing) and not redeploy:
        raise LifecycleError(
            f"{deployments.path} already records a creator at {existing} on this chain; pass "
            "--redeploy to deploy again and replace the record",
            "--redeploy",
        )
    if finder is None and not env.local:
        # A live network: UMA's Finder (and OOv2) by chain id, from @uma/contracts-node, each
        # checked to have code on the connected node; refused cleanly otherwise.
        found = find_uma_deployment(
            env.chain.chain_id, lambda address: has_code(env.provider, address)
        )
        for line in found.lines():
            env.log(line)
        finder = found.addresses["Finder"]
    if finder is not None:
        finder = check_address(finder, "--finder")
        if not has_code(env.provider, finder):
            raise LifecycleError(f"no contract at {finder}", "--finder")
        try:
            env.from_finder(finder, "optimistic_oracle")
        except Exception as exc:  # noqa: BLE001 - any revert: not a Finder with an OOv2
            raise LifecycleError(
                f"{finder} does not answer getImplementationAddress(OptimisticOracleV2)", "--finder"
            ) from exc
    tokens = list(tokens)

    deployments.reset()
    system = deploy_system(
        project,
        sender,
        finder=finder,
        liveness=liveness,
        tokens=tokens,
        oracle=oracle,
        log=env.log,
    )
    if system.stack is not None:
        stack = system.stack
        deployments.contracts.update(
            finder=str(stack.finder.address),
            identifierWhitelist=str(stack.identifier_whitelist.address),
            collateralWhitelist=str(stack.collateral_whitelist.address),
            store=str(stack.store.address),
            optimisticOracle=str(stack.optimistic_oracle.address),
            dvm=str(stack.dvm.address),
        )
    else:
        deployments.contracts.update(
            finder=system.finder, optimisticOracle=system.optimistic_oracle
        )
    for token in tokens:
        if token.symbol in system.tokens:
            deployments.tokens[token.symbol] = {
                "address": str(system.tokens[token.symbol].address),
                "decimals": token.decimals,
            }
    deployments.contracts["creator"] = str(system.creator.address)
    deployments.contracts["merkleDistributor"] = str(system.distributor.address)
    for short_name, library in system.libraries.items():
        deployments.libraries[short_name] = str(library.address)
    env.record()
    return DeployResult(deployments, finder is None)


def faucet(env: Env, sender: Any, token: str, amount: str, to: str | None = None) -> int:
    """Mint a local test token (``deploy``'s TestERC20) to ``to`` (default ``sender``); local only."""
    if not env.local:
        raise LifecycleError("the faucet mints local test tokens only", "--network")
    entry = env.deployments.tokens.get(token)
    if entry is None:
        known = ", ".join(sorted(env.deployments.tokens)) or "none (run deploy)"
        raise LifecycleError(f"{token!r} is not a deployed test token (known: {known})", "TOKEN")
    raw = parse_amount(amount, int(entry["decimals"]), "AMOUNT")
    recipient = check_address(to, "--to") if to else sender.address
    if not has_code(env.provider, entry["address"]):
        raise LifecycleError(
            f"no contract at {entry['address']} (the chain was reset? deploy again)", "TOKEN"
        )
    env.project.TestERC20.at(entry["address"]).mint(recipient, raw, sender=sender)
    return raw


def advance(env: Env, seconds: int) -> int:
    """Mine one block ``seconds`` later (local networks only); returns the new block's timestamp."""
    if not env.local:
        raise LifecycleError("time only moves on demand on local networks", "--network")
    if seconds <= 0:
        raise LifecycleError(f"must be a positive number of seconds, got {seconds}", "SECONDS")
    env.chain.mine(1, timestamp=env.chain.pending_timestamp + seconds)
    return int(env.chain.blocks.head.timestamp)

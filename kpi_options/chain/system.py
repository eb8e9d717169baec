"""The one deploy path: an oracle stack, test collateral, the creator and the payout libraries.

Everything that deploys the system goes through here: ``ape run kpi deploy``
(:func:`kpi_options.lifecycle.setup.deploy`), the gas benchmark, the fork tests' upstream chain and
the test fixtures. The parts are separate functions so that a caller can take only what it needs:

- the **oracle stack**: :func:`deploy_mock_oracle_stack` (the local stand-in of UMA's Finder,
  whitelists, Store, Optimistic Oracle V2 and DVM; ``docs/ORACLE_MOCK.md``), or UMA's own
  contracts from ``@uma/core`` wired the same way (``oracle="uma"``;
  :func:`deploy_oracle_stack` switches), or an existing stack reached through its Finder
  (``finder=`` in :func:`deploy_system`, e.g. UMA's deployment);
- test collateral: :func:`deploy_test_tokens` (whitelisted, with a Store final fee);
- :func:`deploy_creator` (the ``LongShortPairCreator``, which deploys both implementations);
- :func:`deploy_libraries` (every payout library of :data:`kpi_options.payouts.LIBRARIES`);
- :func:`deploy_merkle_distributor` (one ``MerkleDistributor`` per chain, for every airdrop) and
  :func:`deploy_liquidity_mining` (one ``LiquidityMining`` emitter per reward/staking token pair).

:func:`default_creator_params` is the one default ``CreatorParams`` builder (UMA's test set-up).

Typical use::

    system = deploy_system(project, deployer, tokens=DEFAULT_TEST_TOKENS)
    params = default_creator_params(collateral=system.tokens["USDC"],
                                    library=system.libraries["Linear"],
                                    expiration=chain.pending_timestamp + 10_000)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from kpi_options.chain.abi import TestToken
from kpi_options.chain.oracle import (
    DEFAULT_LIVENESS,
    FINDER_NAMES,
    GENERAL_KPI,
    MULTIPLE_VALUES,
    OracleStack,
    as_identifier,
)
from kpi_options.chain.pair import CreatorParams, plain
from kpi_options.errors import KpiError
from kpi_options.payouts.math import WAD
from kpi_options.payouts.registry import LIBRARIES
from kpi_options.units import parse_amount

__all__ = [
    "ORACLE_KINDS",
    "DEFAULT_ANCILLARY",
    "System",
    "add_collateral",
    "default_creator_params",
    "deploy_creator",
    "deploy_libraries",
    "deploy_liquidity_mining",
    "deploy_merkle_distributor",
    "deploy_mock_oracle_stack",
    "deploy_oracle_stack",
    "deploy_system",
    "deploy_test_tokens",
    "set_final_fee",
]

DEFAULT_ANCILLARY = b"some-address-field:0x1234"
"""Custom ancillary data of the default pair (UMA's LongShortPair test value)."""


# --- the oracle stack ---------------------------------------------------------------------------


def set_final_fee(stack: OracleStack, token: Any, final_fee: int, sender: Any) -> None:
    """Set the Store's final fee for ``token`` to ``final_fee`` raw units (``sender`` must own the Store).

    The Store takes UMA's ``FixedPoint.Unsigned`` struct, so the fee is passed as the one-field tuple.
    """
    if final_fee < 0:
        raise ValueError(f"final fee must be >= 0, got {final_fee}")
    stack.store.setFinalFee(token, (final_fee,), sender=sender)


def add_collateral(stack: OracleStack, token: Any, final_fee: int, sender: Any) -> None:
    """Whitelist ``token`` as collateral and set its final fee (raw units); ``sender`` owns the stack."""
    stack.collateral_whitelist.addToWhitelist(token, sender=sender)
    set_final_fee(stack, token, final_fee, sender)


def deploy_mock_oracle_stack(project: Any, owner: Any, **options: Any) -> OracleStack:
    """Deploy the local stand-in of UMA's oracle stack from ``owner`` and wire it: Finder,
    IdentifierWhitelist, AddressWhitelist (collateral), Store, MockOptimisticOracleV2 and
    MockOracleAncillary (the DVM stand-in, whose owner pushes prices). For tests, local demos and
    audits, never production (docs/ORACLE_MOCK.md). ``deploy_oracle_stack("mock", ...)``;
    ``options`` as :func:`deploy_oracle_stack` takes them."""
    return deploy_oracle_stack("mock", project, owner, **options)


def _deploy_mock_contracts(project: Any, owner: Any, default_liveness: int) -> OracleStack:
    """The mock stack's six contracts from ``owner``, not yet wired."""
    finder = owner.deploy(project.Finder)
    return OracleStack(
        finder=finder,
        identifier_whitelist=owner.deploy(project.IdentifierWhitelist),
        collateral_whitelist=owner.deploy(project.AddressWhitelist),
        store=owner.deploy(project.Store),
        optimistic_oracle=owner.deploy(project.MockOptimisticOracleV2, default_liveness, finder),
        dvm=owner.deploy(project.MockOracleAncillary, finder),
    )


def wire_oracle_stack(
    stack: OracleStack,
    owner: Any,
    *,
    identifiers: Iterable[bytes | str],
    collateral: Iterable[Any],
    final_fees: Mapping[Any, int] | None,
) -> OracleStack:
    """Wire a freshly deployed stack (the mock one or UMA's), the same way for both: register every
    Finder name, whitelist ``identifiers``, and whitelist each collateral token with its final fee
    (raw units; 0 when not in ``final_fees``). Tokens are whitelisted in the order given; a token
    keyed in ``final_fees`` only comes after the listed ones. Returns ``stack``."""
    for key, name in FINDER_NAMES.items():
        stack.finder.changeImplementationAddress(name, getattr(stack, key), sender=owner)
    for ident in identifiers:
        stack.identifier_whitelist.addSupportedIdentifier(as_identifier(ident), sender=owner)
    fees = dict(final_fees or {})
    tokens: dict[str, Any] = {}
    for token in [*collateral, *fees]:
        tokens.setdefault(_token_key(token), token)
    fee_by_address = {_token_key(token): fee for token, fee in fees.items()}
    for address, token in tokens.items():
        add_collateral(stack, token, fee_by_address.get(address, 0), owner)
    return stack


ORACLE_KINDS = ("mock", "uma")
"""The two local oracle stacks: the project's mocks (the default) and UMA's own contracts from
``@uma/core`` (:func:`kpi_options.uma.stack.deploy_uma_oracle_stack`)."""


def deploy_oracle_stack(
    kind: str,
    project: Any,
    owner: Any,
    *,
    default_liveness: int = DEFAULT_LIVENESS,
    identifiers: Iterable[bytes | str] = (GENERAL_KPI, MULTIPLE_VALUES),
    collateral: Iterable[Any] = (),
    final_fees: Mapping[Any, int] | None = None,
) -> OracleStack:
    """Deploy the local oracle stack ``kind`` from ``owner`` (owner of every contract) and wire it
    (:func:`wire_oracle_stack`), the same way for both kinds.

    Args:
        kind: ``"mock"`` (the project's stand-in, :func:`deploy_mock_oracle_stack`; its owner
            pushes DVM prices) or ``"uma"`` (UMA's own contracts from ``@uma/core``,
            :func:`kpi_options.uma.stack.deploy_uma_oracle_stack`; anyone pushes DVM prices).
        project: the ape project (``from ape import project``); only the mock stack reads it.
        owner: the account that deploys and owns every contract.
        default_liveness: OOv2 default liveness, seconds, in [1, 5200 weeks).
        identifiers: price identifiers to whitelist, as bytes32 or names (``"General_KPI"``);
            by default UMA's ``General_KPI`` (UMIP-117) and ``MULTIPLE_VALUES`` (UMIP-183).
        collateral: tokens (contract instances or addresses) to whitelist as collateral.
        final_fees: final fee per collateral token, raw units; tokens missing here get 0.
            A token keyed here but absent from ``collateral`` is also whitelisted.
    """
    if kind == "mock":
        stack = _deploy_mock_contracts(project, owner, default_liveness)
    elif kind == "uma":
        from kpi_options.uma.stack import deploy_uma_contracts

        stack = deploy_uma_contracts(owner, default_liveness)
    else:
        raise KpiError(f"must be one of {', '.join(ORACLE_KINDS)}, got {kind!r}", "--oracle")
    return wire_oracle_stack(
        stack, owner, identifiers=identifiers, collateral=collateral, final_fees=final_fees
    )


def _token_key(token: Any) -> str:
    """The lower-cased address of a contract instance or address, for comparing tokens."""
    return str(getattr(token, "address", token)).lower()


# --- collateral, creator, libraries ---------------------------------------------------------------


def deploy_test_tokens(
    project: Any, owner: Any, stack: OracleStack, tokens: Iterable[TestToken]
) -> dict[str, Any]:
    """Deploy one ``TestERC20`` per entry, whitelist it and set its Store final fee (``owner`` owns
    the stack); returns the contracts by symbol, in the order given."""
    deployed = {}
    for token in tokens:
        contract = owner.deploy(project.TestERC20, token.name, token.symbol, token.decimals)
        fee = parse_amount(str(token.final_fee), token.decimals, "--token", allow_zero=True)
        add_collateral(stack, contract, fee, owner)
        deployed[token.symbol] = contract
    return deployed


def deploy_creator(project: Any, sender: Any, finder: Any) -> Any:
    """Deploy ``LongShortPairCreator(finder)`` from ``sender``; it deploys both implementations itself."""
    return sender.deploy(project.LongShortPairCreator, plain(finder))


def deploy_libraries(project: Any, sender: Any) -> dict[str, Any]:
    """Deploy every payout library from ``sender``; the contracts by short name (``Linear``)."""
    return {
        name: sender.deploy(getattr(project, cls.contract_name)) for name, cls in LIBRARIES.items()
    }


def deploy_merkle_distributor(project: Any, sender: Any) -> Any:
    """Deploy a ``MerkleDistributor`` (no constructor arguments, no owner) from ``sender``."""
    return sender.deploy(project.MerkleDistributor)


def deploy_liquidity_mining(
    project: Any, sender: Any, staking_token: Any, reward_token: Any, sponsor: Any
) -> Any:
    """Deploy a ``LiquidityMining`` emitter of ``reward_token`` to stakers of ``staking_token``,
    funded by ``sponsor`` (the contract refuses equal tokens)."""
    return sender.deploy(
        project.LiquidityMining, plain(staking_token), plain(reward_token), plain(sponsor)
    )


# --- the whole system -----------------------------------------------------------------------------


@dataclass(frozen=True)
class System:
    """What :func:`deploy_system` deployed (ape contract instances) or connected to.

    ``stack`` is None when an existing oracle stack was used (``finder`` given); ``finder`` and
    ``optimistic_oracle`` are addresses either way.
    """

    finder: str
    optimistic_oracle: str
    creator: Any
    libraries: dict[str, Any]
    stack: OracleStack | None = None
    tokens: dict[str, Any] = field(default_factory=dict)
    distributor: Any = None


def deploy_system(
    project: Any,
    sender: Any,
    *,
    finder: str | None = None,
    liveness: int = DEFAULT_LIVENESS,
    tokens: Iterable[TestToken] = (),
    oracle: str = "mock",
    log: Callable[[str], None] | None = None,
) -> System:
    """Deploy the system from ``sender``, in this order: the oracle stack (unless ``finder``, an
    existing stack's Finder, is given), the test ``tokens`` (local stack only), the creator and
    the payout libraries, then the ``MerkleDistributor``. ``oracle`` picks the local stack:
    ``"mock"`` (the project's) or ``"uma"`` (UMA's own code from ``@uma/core``). ``liveness`` is
    the OOv2's default liveness in seconds.
    """
    log = log or (lambda message: None)
    stack = None
    deployed_tokens: dict[str, Any] = {}
    if finder is None:
        if oracle == "uma":
            log(
                "deploying UMA's own oracle stack from @uma/core (Finder, IdentifierWhitelist, "
                "AddressWhitelist, Store, OptimisticOracleV2, MockOracleAncillary)"
            )
        else:
            log("deploying the mock UMA oracle stack (Finder, whitelists, Store, OOv2, DVM)")
        stack = deploy_oracle_stack(oracle, project, sender, default_liveness=liveness)
        deployed_tokens = deploy_test_tokens(project, sender, stack, tokens)
        for symbol, contract in deployed_tokens.items():
            log(f"test collateral {symbol} ({int(contract.decimals())} decimals) whitelisted")
        finder = str(stack.finder.address)
        oracle = str(stack.optimistic_oracle.address)
    else:
        finder = str(plain(finder))
        oracle = str(
            project.Finder.at(finder).getImplementationAddress(FINDER_NAMES["optimistic_oracle"])
        )
    creator = deploy_creator(project, sender, finder)
    log(f"LongShortPairCreator at {creator.address}")
    libraries = deploy_libraries(project, sender)
    log(f"{len(libraries)} payout libraries deployed")
    distributor = deploy_merkle_distributor(project, sender)
    log(f"MerkleDistributor at {distributor.address}")
    return System(finder, oracle, creator, libraries, stack, deployed_tokens, distributor)


def default_creator_params(
    *, collateral: Any, library: Any, expiration: int, **overrides: Any
) -> CreatorParams:
    """UMA's default ``CreatorParams`` (its LongShortPair.js set-up), with ``overrides`` applied.

    Collateral per pair 1e18, General_KPI, early expiration off, ``KPI Long``/``kpiL`` and
    ``KPI Short``/``kpiS``, custom ancillary data :data:`DEFAULT_ANCILLARY`, proposer reward 0,
    liveness 7200 s, bond 0. ``expiration`` is unix seconds.
    """
    params = CreatorParams(
        pair_name="KPI option pair",
        expiration_timestamp=expiration,
        collateral_per_pair=WAD,
        price_identifier=GENERAL_KPI,
        enable_early_expiration=False,
        long_synth_name="KPI Long",
        long_synth_symbol="kpiL",
        short_synth_name="KPI Short",
        short_synth_symbol="kpiS",
        collateral_token=collateral,
        financial_product_library=library,
        custom_ancillary_data=DEFAULT_ANCILLARY,
        proposer_reward=0,
        optimistic_oracle_liveness_time=DEFAULT_LIVENESS,
        optimistic_oracle_proposer_bond=0,
    )
    return params.replace(**overrides) if overrides else params

"""Two oracle stacks on one anvil, the project's mock and UMA's original, and the raw JSON-RPC
plumbing the differential machine (``test_oracle_differential.py``) drives them with.

- :func:`deploy_sides` stands up the project's stack (``contracts/oracle/``) and UMA's stack from
  ``@uma/core`` (``Finder``, ``IdentifierWhitelist``, ``AddressWhitelist``, ``Store``,
  ``OptimisticOracleV2``, ``MockOracleAncillary``) through the project's one deploy path
  (:func:`kpi_options.chain.system.deploy_oracle_stack`, ``"mock"`` or ``"uma"``), each with its own requester contract
  (``contracts/test/OracleDifferentialRequester.sol``, the same code) and its own two tokens (the
  same code: one Solady ``TestERC20``, one ``OzStyleERC20`` with OpenZeppelin's string errors).
- :class:`Rpc` speaks JSON-RPC to anvil directly (batched), because ape's per-transaction overhead
  would make thousands of steps too slow. Both stacks' transactions go into one block.
- :class:`Side` knows its addresses by role, and normalises what a stack emits or returns into
  role names (an address becomes ``"oo"``, ``"requester"``, ``"proposer"``...), so that the two
  stacks' outputs compare with ``==``.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

import requests
from eth_abi import decode as abi_decode
from eth_abi import encode as abi_encode
from eth_utils import keccak

from kpi_options.chain.oracle import GENERAL_KPI
from kpi_options.chain.system import deploy_oracle_stack

ZERO = "0x" + "00" * 20
MAX_UINT = 2**256 - 1
FUNDS = 10**30
"""Raw token units minted to every funded party on each stack."""

REQUEST_TYPE = (
    "(address,address,address,bool,(bool,bool,bool,bool,bool,uint256,uint256),"
    "int256,int256,uint256,uint256,uint256)"
)
"""ABI type of ``IOptimisticOracleV2.Request`` (UMA's field order)."""

EOA_ROLES = ("deployer", "requester", "proposer", "disputer", "attacker", "other")
"""Accounts shared by both stacks. ``attacker`` holds no tokens and approves nothing."""
FUNDED_ROLES = ("requester", "proposer", "disputer")
CONTRACT_ROLES = ("oo", "dvm", "store", "finder", "identifier_whitelist", "collateral_whitelist")
TOKEN_ROLES = ("token0", "token1")
BALANCE_ROLES = (*EOA_ROLES, "requester_contract", "oo", "dvm", "store")


def selector(signature: str) -> bytes:
    return keccak(text=signature)[:4]


def _arg_types(signature: str) -> list[str]:
    inner = signature[signature.index("(") + 1 : -1]
    return [t for t in inner.split(",") if t] if inner else []


def calldata(signature: str, *args: Any) -> str:
    """ABI-encoded call of ``signature`` (flat argument types only) with ``args``, as 0x-hex."""
    return "0x" + (selector(signature) + abi_encode(_arg_types(signature), list(args))).hex()


def _hex(value: int) -> str:
    return hex(value)


class RpcError(RuntimeError):
    """anvil answered a JSON-RPC call with an error (``.error``: the JSON-RPC error object)."""

    def __init__(self, method: str, error: dict):
        super().__init__(f"{method}: {error}")
        self.error = error


class Rpc:
    """Minimal JSON-RPC client to the test anvil (keep-alive, batched calls)."""

    def __init__(self, uri: str):
        self.uri = uri
        self.session = requests.Session()
        self.session.trust_env = False  # the local anvil: no proxy lookup per request
        self._id = 0
        self.seconds: dict[str, float] = {}  # time spent per method (first method of a batch)

    def _post(self, label: str, payload) -> Any:
        started = time.perf_counter()
        reply = self.session.post(self.uri, json=payload).json()
        self.seconds[label] = self.seconds.get(label, 0.0) + time.perf_counter() - started
        return reply

    def _payload(self, method: str, params: list) -> dict:
        self._id += 1
        return {"jsonrpc": "2.0", "id": self._id, "method": method, "params": params}

    def call(self, method: str, *params: Any) -> Any:
        reply = self._post(method, self._payload(method, list(params)))
        if "error" in reply:
            raise RpcError(method, reply["error"])
        return reply["result"]

    def batch(self, calls: list[tuple[str, list]]) -> list[Any]:
        """Results in the order of ``calls``; a failed call raises."""
        if not calls:
            return []
        payload = [self._payload(method, params) for method, params in calls]
        replies = self._post(
            f"batch:{calls[0][0]}:{len(calls)}" if len(calls) < 8 else f"batch:{calls[0][0]}",
            payload,
        )
        by_id = {reply["id"]: reply for reply in replies}
        out = []
        for sent in payload:
            reply = by_id[sent["id"]]
            if "error" in reply:
                raise RpcError(sent["method"], reply["error"])
            out.append(reply["result"])
        return out


def _canonical_type(param: dict) -> str:
    kind = param["type"]
    if kind.startswith("tuple"):
        inner = ",".join(_canonical_type(c) for c in param["components"])
        return f"({inner}){kind[5:]}"
    return kind


@dataclass(frozen=True)
class EventAbi:
    name: str
    indexed: tuple[tuple[str, str], ...]  # (name, type) of the indexed inputs, in order
    plain: tuple[tuple[str, str], ...]  # (name, type) of the data inputs, in order
    order: tuple[str, ...]  # every input name in declaration order


def event_table(abi: list[dict]) -> dict[bytes, EventAbi]:
    """topic0 -> event description, for every event in ``abi``."""
    table = {}
    for item in abi:
        if item.get("type") != "event":
            continue
        types = [_canonical_type(p) for p in item["inputs"]]
        topic0 = keccak(text=f"{item['name']}({','.join(types)})")
        named = [
            (p["name"] or f"arg{i}", t)
            for i, (p, t) in enumerate(zip(item["inputs"], types, strict=False))
        ]
        table[topic0] = EventAbi(
            item["name"],
            tuple(n for n, p in zip(named, item["inputs"], strict=False) if p["indexed"]),
            tuple(n for n, p in zip(named, item["inputs"], strict=False) if not p["indexed"]),
            tuple(n for n, _ in named),
        )
    return table


def error_table(abis: list[list[dict]]) -> dict[bytes, str]:
    """4-byte selector -> custom error signature, over every ABI given."""
    table = {}
    for abi in abis:
        for item in abi:
            if item.get("type") == "error":
                sig = f"{item['name']}({','.join(_canonical_type(p) for p in item['inputs'])})"
                table[selector(sig)] = sig
    return table


@dataclass
class Side:
    """One oracle stack: its addresses by role and the ABIs to read what it emits."""

    name: str
    addresses: dict[str, str]  # role -> checksummed address
    events: dict[str, dict[bytes, EventAbi]]  # role -> topic0 -> event
    roles: dict[str, str] = field(default_factory=dict)  # lower-case address -> role
    dvm_ids: dict[bytes, str] = field(default_factory=dict)  # DVM request id -> label
    contracts: dict[str, Any] = field(default_factory=dict)  # role -> ape contract instance

    def __post_init__(self):
        self.roles = {address.lower(): role for role, address in self.addresses.items()}

    def __getitem__(self, role: str) -> str:
        return self.addresses[role]

    @property
    def requester_hex(self) -> bytes:
        return self.addresses["requester_contract"][2:].lower().encode()

    def stamp(self, ancillary: bytes, requester_role: str) -> bytes:
        """UMA's stamp: ``ancillary`` + ``[,]ooRequester:<40 lowercase hex>``."""
        key = b",ooRequester:" if ancillary else b"ooRequester:"
        return ancillary + key + self.addresses[requester_role][2:].lower().encode()

    def norm(self, value: Any) -> Any:
        """``value`` with every stack-specific part replaced by a role name or label."""
        if isinstance(value, str) and len(value) == 42 and value.startswith("0x"):
            return self.roles.get(value.lower(), value.lower())
        if isinstance(value, bytes):
            if len(value) == 32 and value in self.dvm_ids:
                return self.dvm_ids[value]
            return value.replace(self.requester_hex, b"<requester_contract>")
        if isinstance(value, (list, tuple)):
            return tuple(self.norm(v) for v in value)
        return value

    def register_dvm_request(self, identifier: bytes, time: int, ancillary: bytes) -> None:
        """Remember the DVM request id of (identifier, time, stamped ancillary data) by a label."""
        request_id = keccak(
            abi_encode(["bytes32", "uint256", "bytes"], [identifier, time, ancillary])
        )
        self.dvm_ids[request_id] = (
            f"dvm:{identifier.rstrip(bytes(1))!r}:{time}:{self.norm(ancillary)!r}"
        )

    def decode_log(self, log: dict) -> tuple:
        """A receipt log as (emitter role, event name, topic count, normalised arguments)."""
        emitter = self.roles.get(log["address"].lower(), log["address"].lower())
        topics = [bytes.fromhex(t[2:]) for t in log["topics"]]
        data = bytes.fromhex(log["data"][2:])
        event = self.events.get(emitter, {}).get(topics[0]) if topics else None
        if event is None:
            return (emitter, "?", len(topics), self.norm(tuple(topics)), self.norm(data))
        values = {}
        for (name, kind), topic in zip(event.indexed, topics[1:], strict=False):
            values[name] = abi_decode([kind], topic)[0]
        for (name, _), decoded in zip(
            event.plain, abi_decode([k for _, k in event.plain], data), strict=False
        ):
            values[name] = decoded
        if event.name == "PriceRequestAdded":
            self.register_dvm_request(values["identifier"], values["time"], values["ancillaryData"])
        args = tuple(self.norm(values[name]) for name in event.order)
        return (emitter, event.name, len(topics), args)


@dataclass
class Sides:
    """Both stacks, the shared accounts and the RPC link."""

    mock: Side
    uma: Side
    accounts: dict[str, str]  # role -> address (shared EOAs)
    rpc: Rpc
    error_names: dict[bytes, str]
    signers: dict[str, Any]  # role -> ape account (shared EOAs)

    def __iter__(self):
        return iter((self.mock, self.uma))


def _deploy_stack(kind: str, project, owner) -> dict[str, Any]:
    """The project's one deploy path for either stack, General_KPI whitelisted, by role."""
    stack = deploy_oracle_stack(kind, project, owner, identifiers=(GENERAL_KPI,))
    return {
        "finder": stack.finder,
        "identifier_whitelist": stack.identifier_whitelist,
        "collateral_whitelist": stack.collateral_whitelist,
        "store": stack.store,
        "oo": stack.optimistic_oracle,
        "dvm": stack.dvm,
    }


def deploy_sides(project, chain, roles: dict[str, Any], final_fee: int) -> Sides:
    """Deploy both stacks from ``roles["deployer"]``; fund and approve the parties on each.

    ``token0`` is whitelisted with ``final_fee`` on both stacks, ``token1`` is not whitelisted yet.
    """
    owner = roles["deployer"]
    sides = {}
    for name in ("mock", "uma"):
        contracts = _deploy_stack(name, project, owner)
        requester_contract = owner.deploy(project.OracleDifferentialRequester, contracts["oo"])
        tokens = (
            owner.deploy(project.TestERC20, f"{name} solady", "T0", 6),
            owner.deploy(project.OzStyleERC20, f"{name} oz", "T1", 18),
        )
        contracts["collateral_whitelist"].addToWhitelist(tokens[0], sender=owner)
        contracts["store"].setFinalFee(tokens[0], (final_fee,), sender=owner)
        for token in tokens:
            for role in FUNDED_ROLES:
                token.mint(roles[role], FUNDS, sender=owner)
                token.approve(contracts["oo"], MAX_UINT, sender=roles[role])
            token.mint(requester_contract, FUNDS, sender=owner)
            requester_contract.approveOracle(token, MAX_UINT, sender=owner)
        contracts["requester_contract"] = requester_contract
        contracts["token0"], contracts["token1"] = tokens
        addresses = {role: c.address for role, c in contracts.items()}
        addresses.update({role: roles[role].address for role in EOA_ROLES})
        events = {
            role: event_table([a.model_dump(mode="json") for a in c.contract_type.abi])
            for role, c in contracts.items()
        }
        sides[name] = (Side(name, addresses, events, contracts=contracts), contracts)
    abis = [
        [a.model_dump(mode="json") for a in c.contract_type.abi]
        for _, contracts in sides.values()
        for c in contracts.values()
    ]
    return Sides(
        mock=sides["mock"][0],
        uma=sides["uma"][0],
        accounts={role: roles[role].address for role in EOA_ROLES},
        rpc=Rpc(chain.provider.uri),
        error_names=error_table(abis),
        signers=dict(roles),
    )

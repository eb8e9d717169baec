"""Work eth-ape 0.8.51 does on every test transaction that the suite does not need, and cheaper
equivalents. ``tests/conftest.py`` applies them for the whole session, before ape connects;
``KPI_PLAIN_APE=1`` runs ape as published (revert traces printed, no cache) while debugging.

Each patch keeps what the tests observe -- receipts, revert errors and their decoded inputs -- and
drops a trace fetch:

- ape-foundry prints a call trace for every revert (~0.5 s each): display only, off;
- after every transaction to a contract, ape fetches its full trace to print ``console.log``
  lines; no contract here logs (``grep -r console.log contracts`` is empty): off;
- a revert whose custom error is not in the ABI of the called contract (an error bubbling out of a
  nested call: the collateral token, the oracle) is decoded with the ABI of "the last address the
  transaction called". Ape finds it by fetching the struct logs *with memory and stacks* and
  parsing every step into a pydantic model: a large share of the time of a test that expects such
  a revert. :func:`called_addresses` reads the same list from the node's ``callTracer`` tree, a
  few hundred bytes: the tree's calls in pre-order are the transaction's call and create opcodes
  in the order they ran, each with the address it entered (the created address for a create);
- reads that ape repeats around every transaction and whose answer cannot change between two
  transactions are answered from a cache (:class:`ReadCache`): the code at an address that has
  code (``is_contract`` before and after each send), whether anvil automines (asked twice per
  transaction) and the chain id;
- after every receipt, ape reads the sender's nonce until it has moved past the transaction's
  (so that the next transaction is not sent with the same nonce). A receipt from a mined block
  already says so: the node's nonce moved when the block was mined. Only such receipts skip it;
- anvil keeps the state of every block: in memory for the latest ones, then written to disk
  under ``~/.foundry/anvil/tmp`` (0.9-1.7 GB per anvil in a suite run, left behind when the
  process is killed: 78 GB had filled this machine's disk). ``--prune-history`` keeps the last
  :data:`KEPT_STATES` in memory and writes none. Snapshots (``evm_snapshot``) are kept apart from
  this history; no test reads state that many blocks back;
- requests looks up proxy settings in the environment on every request (``trust_env``): a few
  percent of a test's time. Sessions to a node on this machine (127.0.0.1, localhost) skip it.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any


def called_addresses(tree: dict) -> list[str]:
    """The addresses the call and create opcodes of one execution entered, in execution order,
    from its ``callTracer`` tree (the root, the transaction itself, is not one of them)."""
    addresses: list[str] = []
    pending = list(reversed(tree.get("calls") or ()))
    while pending:
        node = pending.pop()
        if node.get("to"):
            addresses.append(node["to"])
        pending.extend(reversed(node.get("calls") or ()))
    return addresses


def _addresses_used(self: Any, reverse: bool = False) -> Iterator[str]:
    """``TransactionTrace.get_addresses_used`` from the call tree (module docstring)."""
    tree = self.provider.make_request(
        "debug_traceTransaction", [self.transaction_hash, {"tracer": "callTracer"}]
    )
    addresses = called_addresses(tree or {})
    if reverse:
        addresses.reverse()
    for address in addresses:
        yield self._ecosystem.decode_address(address)


# Node requests that change neither code, automine nor the chain id: time and mining. Every other
# ``evm_*``/``anvil_*``/``hardhat_*`` request (a snapshot revert, setCode, reset, setAutomine, ...)
# may, and drops what :class:`ReadCache` and the coverage tracer know of addresses.
_KEEPS = frozenset(
    {
        "evm_mine",
        "anvil_mine",
        "evm_snapshot",
        "evm_increaseTime",
        "evm_setNextBlockTimestamp",
        "anvil_setBlockTimestampInterval",
        "anvil_getAutomine",
    }
)
_NODE_CONTROL = ("evm_", "anvil_", "hardhat_", "debug_setHead")


def may_change_code(method: str) -> bool:
    """Whether a node request (other than a transaction) may change code at an address, automine
    or the chain id: a snapshot revert, setCode, reset and the like; not time and mining."""
    return method.startswith(_NODE_CONTROL) and method not in _KEEPS


class ReadCache:
    """Answers of ``eth_getCode`` (non-empty code only), ``anvil_getAutomine`` and ``eth_chainId``,
    kept per node connection until a request that could change one of them.

    - Code: a transaction adds code where there was none (a create; empty answers are never
      kept) and never changes existing code (no contract here self-destructs; the suite sends no
      EIP-7702 delegations through ape). Everything is dropped on every request for which
      :func:`may_change_code` holds (a snapshot revert among them).
    - Automine and chain id change only through such requests. A request sent around web3 (a
      test's own raw JSON-RPC session) is not seen: the oracle differential machine turns automine
      off that way, sends nothing through ape while it is off, and restores the chain snapshot
      through ape afterwards, which drops the cache.
    """

    CACHED = frozenset({"eth_getCode", "anvil_getAutomine", "eth_chainId"})

    def __init__(self) -> None:
        self.answers: dict[tuple, Any] = {}

    def request(self, send: Any, method: str, params: Any) -> Any:
        """Answer ``method(params)`` from the cache or through ``send``, keeping what may be kept."""
        if method in self.CACHED:
            key = (method, repr(params))
            if key in self.answers:
                return dict(self.answers[key])
            response = send(method, params)
            result = response.get("result") if isinstance(response, dict) else None
            if result not in (None, "0x", "") and "error" not in response:
                self.answers[key] = dict(response)
            return response
        if may_change_code(method):
            self.answers.clear()
        return send(method, params)


def _cached_make_request(original: Any) -> Any:
    def make_request(self: Any, method: Any, params: Any) -> Any:
        cache = self.__dict__.get("_kpi_read_cache")
        if cache is None:
            cache = self.__dict__["_kpi_read_cache"] = ReadCache()
        return cache.request(lambda m, p: original(self, m, p), str(method), params)

    make_request.__wrapped__ = original
    return make_request


def is_local(uri: str) -> bool:
    """Whether ``uri`` names a node on this machine."""
    from urllib.parse import urlparse

    return urlparse(str(uri)).hostname in ("127.0.0.1", "localhost", "::1")


def _local_sessions_ignore_environment(original: Any) -> Any:
    def cache_and_return_session(self: Any, endpoint_uri: Any, *args: Any, **kwargs: Any) -> Any:
        session = original(self, endpoint_uri, *args, **kwargs)
        if is_local(endpoint_uri):
            session.trust_env = False
        return session

    cache_and_return_session.__wrapped__ = original
    return cache_and_return_session


KEPT_STATES = 256  # block states anvil keeps (in memory, none on disk) under --prune-history


def _pruned_history(original: Any) -> Any:
    def build_command(self: Any) -> list[str]:
        from ape_foundry.provider import FoundryForkProvider

        command = original(self)
        if "--prune-history" in command or isinstance(self, FoundryForkProvider):
            return command  # a fork session reads history from its upstream: left as it is
        return [*command, "--prune-history", str(KEPT_STATES)]

    build_command.__wrapped__ = original
    return build_command


def _await_sender_nonce_increment(original: Any) -> Any:
    def wait(self: Any) -> None:
        block = getattr(self, "block_number", None)
        if isinstance(block, int) and block >= 0:
            return  # mined: the sender's nonce has moved past this transaction's
        original(self)

    wait.__wrapped__ = original
    return wait


@contextmanager
def lean_ape() -> Iterator[None]:
    """Apply the patches for the duration of the block (a no-op with ``KPI_PLAIN_APE=1``)."""
    if os.environ.get("KPI_PLAIN_APE") == "1":
        yield
        return
    from ape.api.transactions import ReceiptAPI
    from ape_foundry.provider import FoundryProvider
    from ape_foundry.trace import AnvilTransactionTrace
    from web3._utils.http_session_manager import HTTPSessionManager
    from web3.providers.rpc import HTTPProvider

    # (owner, attribute, replacement given the original)
    patches = [
        (AnvilTransactionTrace, "show", lambda original: lambda self, *args, **kwargs: None),
        (ReceiptAPI, "show_debug_logs", lambda original: lambda self: None),
        (AnvilTransactionTrace, "get_addresses_used", lambda original: _addresses_used),
        (HTTPProvider, "make_request", _cached_make_request),
        (ReceiptAPI, "_await_sender_nonce_increment", _await_sender_nonce_increment),
        (HTTPSessionManager, "cache_and_return_session", _local_sessions_ignore_environment),
        (FoundryProvider, "build_command", _pruned_history),
    ]
    # what each class itself defined (None: it inherited the attribute; restoring deletes ours)
    originals = [(owner, name, owner.__dict__.get(name)) for owner, name, _ in patches]
    for owner, name, replace in patches:
        setattr(owner, name, replace(getattr(owner, name)))
    try:
        yield
    finally:
        for owner, name, original in originals:
            if original is None:
                delattr(owner, name)
            else:
                setattr(owner, name, original)

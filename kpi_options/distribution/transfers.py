"""Direct transfers of position tokens to the rows of a recipients CSV (checked in full first).

``distribute`` is resumable: every transfer sent is appended to a receipts file (JSON lines, one
``{"line", "address", "amount", "tx"}`` per row, written and flushed right after the transfer is
confirmed), and a run over the same CSV skips the rows its receipts file already records, so an
interrupted run started again never pays anyone twice. Recipients where tokens would be locked for
good are refused before anything is sent: the pair, its long and short tokens, its collateral, the
recorded ``MerkleDistributor`` and emitters, the zero address. The CSV may come from a spreadsheet:
a UTF-8 byte-order mark and CRLF line ends are accepted.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kpi_options.chain.env import Env
from kpi_options.chain.tx import is_recorded
from kpi_options.errors import (
    DistributionError,
    LifecycleError,
    RecipientProblem,
    RecipientsError,
)
from kpi_options.units import (
    address_problem,
    parse_amount,
)


@dataclass(frozen=True)
class Recipient:
    line: int
    address: str
    amount: int  # raw token units


def read_recipients(path: str | Path, decimals: int) -> list[Recipient]:
    """Read ``address,amount`` rows (human amounts; optional header; ``#`` comments, blank lines).

    Raises :class:`RecipientsError` listing every bad line: malformed or zero address, bad EIP-55
    checksum, amount not a positive number with at most ``decimals`` decimals, duplicates.
    """
    from eth_utils import to_checksum_address

    path = Path(path)
    problems: list[RecipientProblem] = []
    rows: list[Recipient] = []
    seen: dict[str, int] = {}
    try:
        # utf-8-sig drops the byte-order mark spreadsheets write; splitlines() takes CRLF.
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise RecipientsError(path, [RecipientProblem(0, f"cannot read the file: {exc}")]) from exc
    first = True
    for number, cells in enumerate(csv.reader(text.splitlines()), start=1):
        cells = [c.strip() for c in cells]
        if not cells or all(c == "" for c in cells) or cells[0].startswith("#"):
            continue
        if first and cells[0].lower() == "address":
            first = False
            continue
        first = False
        if len(cells) != 2:
            problems.append(
                RecipientProblem(number, f"expected 2 columns (address,amount), got {len(cells)}")
            )
            continue
        address, amount = cells
        problem = address_problem(address)
        if problem is not None:
            problems.append(RecipientProblem(number, problem))
            address = None
        elif int(address, 16) == 0:
            problems.append(RecipientProblem(number, "the zero address cannot receive tokens"))
            address = None
        else:
            address = to_checksum_address(address)
            if address in seen:
                problems.append(
                    RecipientProblem(number, f"{address} already appears on line {seen[address]}")
                )
            else:
                seen[address] = number
        try:
            raw = parse_amount(amount, decimals, "amount")
        except LifecycleError as exc:
            problems.append(RecipientProblem(number, f"amount {amount!r}: {exc}"))
            raw = None
        if address is not None and raw is not None:
            rows.append(Recipient(number, address, raw))
    if not problems and not rows:
        problems.append(RecipientProblem(0, "no recipients in the file"))
    if problems:
        raise RecipientsError(path, problems)
    return rows


@dataclass(frozen=True)
class DistributeResult:
    pair: str
    side: str
    recipients: int  # rows sent by this run
    total: int  # raw token units sent by this run
    batches: int
    skipped: int = 0  # rows the receipts file already recorded as sent
    receipts: str = ""  # path of the receipts file


def receipts_path(csv_path: str | Path) -> Path:
    """The default receipts file of a recipients CSV: ``<csv>.receipts.jsonl`` next to it."""
    csv_path = Path(csv_path)
    return csv_path.with_name(csv_path.name + ".receipts.jsonl")


def read_receipts(path: str | Path) -> dict[str, dict[str, Any]]:
    """The rows recorded as sent, by checksummed address. A line that is not a receipt (a run
    killed while writing it) is refused naming the file: its transfer may have been confirmed, so
    check that recipient's balance and fix the line by hand rather than sending again."""
    path = Path(path)
    if not path.exists():
        return {}
    sent: dict[str, dict[str, Any]] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            sent[str(record["address"])] = record
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise DistributionError(
                f"{path}:{number} is not a receipt line ({exc}); fix or move the file", "--receipts"
            ) from exc
    return sent


def forbidden_recipients(env: Env, p: Any) -> dict[str, str]:
    """Addresses that would lock tokens for good, lower-cased, with what each is."""
    forbidden = {
        "0x" + "00" * 20: "the zero address",
        p.address.lower(): "the pair",
        str(p.long_token.address).lower(): "the pair's long token",
        str(p.short_token.address).lower(): "the pair's short token",
        str(p.collateral.address).lower(): "the collateral token",
    }
    distributor = env.deployments.contracts.get("merkleDistributor")
    if distributor:
        forbidden[distributor.lower()] = "the MerkleDistributor (fund a distribution instead)"
    for name, record in env.deployments.emitters.items():
        forbidden[str(record["address"]).lower()] = f"the emitter {name!r} (fund it instead)"
    return forbidden


def distribute(
    env: Env,
    sender: Any,
    pair_ref: str,
    path: str | Path,
    *,
    side: str = "long",
    batch_size: int = 25,
    receipts: str | Path | None = None,
    progress: Callable[[int, int], None] | None = None,
    rows: Sequence[Recipient] | None = None,
) -> DistributeResult:
    """Send ``side`` tokens to every row of a recipients CSV not yet recorded in ``receipts``
    (default :func:`receipts_path`), in batches of ``batch_size`` transfers.

    The whole file is read and checked first (:class:`RecipientsError` lists every bad line, and
    every forbidden recipient), then the receipts: a recorded row must match its CSV row (same
    address and amount) or nothing is sent. The sender's balance must cover what is left to send;
    only then is anything sent. Each transfer is recorded in the receipts file as soon as it is
    confirmed. ``progress(done, total)`` is called after each batch. ``rows`` are ``path`` already
    read with :func:`read_recipients` (e.g. to show the count before a confirmation): the file is
    not read again.
    """
    if side not in ("long", "short"):
        raise LifecycleError(f"must be long or short, got {side!r}", "--side")
    if batch_size < 1:
        raise LifecycleError(f"must be at least 1, got {batch_size}", "--batch-size")
    p = env.pair(pair_ref)
    if rows is None:
        rows = read_recipients(path, p.decimals)
    forbidden = forbidden_recipients(env, p)
    problems = [
        RecipientProblem(
            r.line, f"{r.address} is {forbidden[r.address.lower()]}: tokens sent there are lost"
        )
        for r in rows
        if r.address.lower() in forbidden
    ]
    if problems:
        raise RecipientsError(path, problems)
    receipts = Path(receipts) if receipts is not None else receipts_path(path)
    sent = read_receipts(receipts)
    by_address = {r.address: r for r in rows}
    for address, record in sent.items():
        row = by_address.get(address)
        if row is None or int(record["amount"]) != row.amount:
            raise DistributionError(
                f"{receipts} records {record['amount']} raw units sent to {address}, which the CSV "
                f"{'does not list' if row is None else f'lists with {row.amount}'}: this receipts "
                "file belongs to another CSV",
                "--receipts",
            )
    todo = [r for r in rows if r.address not in sent]
    token = p.long_token if side == "long" else p.short_token
    total = sum(r.amount for r in todo)
    balance = int(token.balanceOf(sender.address))
    if balance < total:
        raise LifecycleError(
            f"the file sends {p.human(total)} {side} tokens in total but {sender.address} holds "
            f"{p.human(balance)}",
            "RECIPIENTS.csv",
        )
    if sent:
        env.log(f"{len(sent)} row(s) already sent according to {receipts}: skipped")
    batches = [todo[i : i + batch_size] for i in range(0, len(todo), batch_size)]
    done = 0
    receipts.parent.mkdir(parents=True, exist_ok=True)
    with receipts.open("a", encoding="utf-8") as out:
        for batch in batches:
            for row in batch:
                tx = token.transfer(row.address, row.amount, sender=sender)
                if is_recorded(tx):
                    continue  # recorded into a Safe batch: not sent, so no receipt
                record = {
                    "line": row.line,
                    "address": row.address,
                    "amount": str(row.amount),
                    "side": side,
                    "tx": str(getattr(tx, "txn_hash", "")),
                }
                out.write(json.dumps(record) + "\n")
                out.flush()
            done += len(batch)
            if progress is not None:
                progress(done, len(todo))
    return DistributeResult(
        p.address, side, len(todo), total, len(batches), len(sent), str(receipts)
    )

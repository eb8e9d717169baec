"""Direct transfers of position tokens to the rows of a recipients CSV (checked in full first)."""

from __future__ import annotations

import csv
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kpi_options.chain.env import Env
from kpi_options.errors import (
    LifecycleError,
    RecipientProblem,
    RecipientsError,
)
from kpi_options.units import (
    ADDRESS_RE,
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
    from eth_utils import is_checksum_address, to_checksum_address

    path = Path(path)
    problems: list[RecipientProblem] = []
    rows: list[Recipient] = []
    seen: dict[str, int] = {}
    try:
        text = path.read_text(encoding="utf-8")
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
        if not ADDRESS_RE.fullmatch(address):
            problems.append(RecipientProblem(number, f"{address!r} is not a 0x 20-byte address"))
            address = None
        elif (
            address[2:] != address[2:].lower()
            and address[2:] != address[2:].upper()
            and not is_checksum_address(address)
        ):
            problems.append(RecipientProblem(number, f"{address} has a bad EIP-55 checksum"))
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
    recipients: int
    total: int  # raw token units
    batches: int


def distribute(
    env: Env,
    sender: Any,
    pair_ref: str,
    path: str | Path,
    *,
    side: str = "long",
    batch_size: int = 25,
    progress: Callable[[int, int], None] | None = None,
) -> DistributeResult:
    """Send ``side`` tokens to every row of a recipients CSV, in batches of ``batch_size`` transfers.

    The whole file is read and checked first (:class:`RecipientsError` lists every bad line), then
    the sender's balance must cover the total; only then is anything sent. ``progress(done, total)``
    is called after each batch.
    """
    if side not in ("long", "short"):
        raise LifecycleError(f"must be long or short, got {side!r}", "--side")
    if batch_size < 1:
        raise LifecycleError(f"must be at least 1, got {batch_size}", "--batch-size")
    p = env.pair(pair_ref)
    rows = read_recipients(path, p.decimals)
    token = p.long_token if side == "long" else p.short_token
    total = sum(r.amount for r in rows)
    balance = int(token.balanceOf(sender.address))
    if balance < total:
        raise LifecycleError(
            f"the file sends {p.human(total)} {side} tokens in total but {sender.address} holds "
            f"{p.human(balance)}",
            "RECIPIENTS.csv",
        )
    batches = [rows[i : i + batch_size] for i in range(0, len(rows), batch_size)]
    done = 0
    for batch in batches:
        for row in batch:
            token.transfer(row.address, row.amount, sender=sender)
        done += len(batch)
        if progress is not None:
            progress(done, len(rows))
    return DistributeResult(p.address, side, len(rows), total, len(batches))

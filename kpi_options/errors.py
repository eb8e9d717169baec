"""Every error the package raises on purpose, under one root: :class:`KpiError`.

``KpiError`` is a ``ValueError`` (bad input or a refused step) and carries ``param``: the
command-line argument or program/ancillary field at fault (``"AMOUNT"``, ``"--finder"``,
``"payout.lowerBound"``, ``"Metric"``), or None when no single one is. The CLI catches the root once
and reports ``param`` as the click parameter hint. Nothing has been sent when one is raised.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = [
    "AncillaryBudgetError",
    "AncillaryError",
    "AncillaryFormatError",
    "AncillaryValidationError",
    "DistributionError",
    "KeeperError",
    "KpiError",
    "LifecycleError",
    "MerkleTreeError",
    "MissingKey",
    "NoDataPoint",
    "NotJson",
    "PayoutParameterError",
    "Problem",
    "ProgramError",
    "ProgramFileError",
    "RecipientProblem",
    "RecipientsError",
    "ResolutionError",
    "SafeBatchError",
    "SourceDown",
    "SourceTimeout",
    "SourceTooLarge",
    "UnknownForm",
]


class KpiError(ValueError):
    """The root of every refusal; ``param`` names the offending argument or field (or None)."""

    def __init__(self, message: str, param: str | None = None):
        super().__init__(message)
        self.param = param


# --- lifecycle steps and the deployments file ----------------------------------------------------


class LifecycleError(KpiError):
    """A step refused before sending anything, or a deployments-file problem.

    ``param`` is the command-line input at fault (``"AMOUNT"``, ``"PAIR"``, ``"--deployments"``).
    """


# --- payout twins ----------------------------------------------------------------------------------


class PayoutParameterError(KpiError):
    """A payout twin's parameters rejected as the library's setter would reject them.

    ``field`` (= ``param``) is the parameter at fault as the twin names it (snake case, with an
    index for list entries: ``upper_bound``, ``payouts[1]``; an unknown key as it was written),
    ``"library"`` for an unknown payout library, or None when the parameters as a whole are wrong.
    """

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message, field)
        self.field = field


# --- program files ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    """One finding about the program file; ``path`` is the dotted field path."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


class ProgramError(KpiError):
    """Every problem found in a program file (``problems``), raised once.

    ``param`` is ``PROGRAM_FILE`` (the command-line argument); each problem names its field path.
    """

    def __init__(self, problems: Sequence[Problem]):
        self.problems = list(problems)
        lines = "\n".join(f"  - {p}" for p in self.problems)
        super().__init__(
            f"program file has {len(self.problems)} problem(s):\n{lines}", "PROGRAM_FILE"
        )

    @property
    def paths(self) -> list[str]:
        return [p.path for p in self.problems]


class ProgramFileError(ProgramError):
    """A program (or names) file that cannot be read as written: a syntax error, a key given twice,
    a number not in decimal, unreadable or binary bytes. ``str()`` is one line,
    ``FILE:LINE:COL: what is wrong`` (1-based)."""

    def __init__(self, source: str, line: int, column: int, message: str):
        self.problems = [Problem("(file)", message)]
        self.source, self.line, self.column, self.message = source, line, column, message
        KpiError.__init__(self, f"{source}:{line}:{column}: {message}", "PROGRAM_FILE")


# --- recipients files ------------------------------------------------------------------------------


@dataclass(frozen=True)
class RecipientProblem:
    """One bad line of a recipients file (1-based line number)."""

    line: int
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}"


class RecipientsError(KpiError):
    """Every bad line of a recipients file, raised once before anything is sent."""

    def __init__(self, path: str | Path, problems: Sequence[RecipientProblem]):
        self.path = str(path)
        self.problems = list(problems)
        lines = "\n".join(f"  - {p}" for p in self.problems)
        super().__init__(
            f"{self.path} has {len(self.problems)} bad line(s):\n{lines}", "RECIPIENTS.csv"
        )


# --- ancillary data --------------------------------------------------------------------------------


class AncillaryError(KpiError):
    """Ancillary data at fault; ``key`` (= ``param``) names the offending field (None: the whole
    data)."""

    def __init__(self, message: str, key: str | None = None):
        super().__init__(message, key)
        self.key = key


class AncillaryFormatError(AncillaryError):
    """Fields that cannot be written as (or text that is not) UMIP-117 key-value data."""


class AncillaryBudgetError(AncillaryError):
    """Custom data too long once the chain stamps it; ``size`` and ``limit`` are in bytes."""

    def __init__(self, size: int, limit: int, early_expiration: bool):
        which = "with early expiration" if early_expiration else "without early expiration"
        super().__init__(
            f"custom ancillary data is {size} bytes; at most {limit} bytes fit {which} "
            f"(8192-byte limit after the oracle's stamp)"
        )
        self.size = size
        self.limit = limit
        self.early_expiration = early_expiration


class AncillaryValidationError(AncillaryError):
    """Raised by ``ValidationResult.raise_for_errors``; ``issues`` lists every error."""

    def __init__(self, issues: list[Any]):
        super().__init__(
            "invalid General_KPI ancillary data:\n" + "\n".join(f"  - {i}" for i in issues),
            issues[0].key if issues else None,
        )
        self.issues = issues


# --- distribution (Merkle airdrops, liquidity mining, direct transfers) ----------------------------


class DistributionError(KpiError):
    """A distribution step refused before sending anything (airdrop, mining, transfers).

    ``param`` is the command-line input at fault (``"TREE_FILE"``, ``"ID"``, ``"AMOUNT"``,
    ``"EMITTER"``, ``"--deadline"``).
    """


class MerkleTreeError(DistributionError):
    """A Merkle tree leaf, tree file or lookup refused; ``param`` names the input or field."""


# --- the keeper (kpi_options.keeper): why there is no answer ---------------------------------------
# "Never a guess": the resolution engine either returns a value it can justify or raises one of
# these, naming the ancillary rule (``rule`` = ``param``) and the URL fetched. The bot logs the
# reason and retries later; only the Unresolved value under --propose-unresolved, and only for
# failures voters would share (``voters_share``), turns a failure into a number.


class KeeperError(KpiError):
    """The keeper refused a step (an unfunded bond, an unknown pair); ``param`` names the option."""


class ResolutionError(KpiError):
    """No answer for a metric. ``rule`` is the ancillary field (or program field) whose
    instruction could not be followed; ``url`` is the address fetched (None before fetching)."""

    #: Whether UMA's voters, following the same instruction, would be stuck too (so the
    #: ``Unresolved`` rule of UMIP-117 can apply). False for the bot's own limits.
    voters_share = True

    def __init__(self, message: str, *, rule: str, url: str | None = None):
        where = f" [{rule}" + (f" at {url}" if url else "") + "]"
        super().__init__(message + where, rule)
        self.rule = rule
        self.url = url
        self.detail = message


class SourceDown(ResolutionError):
    """The source refused the connection or answered with an HTTP error status."""


class SourceTimeout(ResolutionError):
    """The source did not answer in time."""


class SourceTooLarge(ResolutionError):
    """The answer exceeded the size limit."""


class NotJson(ResolutionError):
    """The answer is not JSON."""


class MissingKey(ResolutionError):
    """The JSON lacks the key path the ``Key`` field names (or a value there is not a number)."""


class NoDataPoint(ResolutionError):
    """The series has no data point that the ``Interval``/``Aggregation`` rule allows (yet)."""


class UnknownForm(ResolutionError):
    """The ancillary data uses a form the bot does not understand. Voters may still resolve it,
    so the bot never proposes ``Unresolved`` for this."""

    voters_share = False


# --- Safe batches ----------------------------------------------------------------------------------


class SafeBatchError(KpiError):
    """A Safe batch (file or transaction) that cannot be written, read or executed; ``param`` names
    the option or field (``--safe``, ``--safe-batch``, ``checksum``, ``value``)."""

"""``ape run kpi <command>``: the commands live in :mod:`kpi_options.cli` (one module per concern)."""

from kpi_options.cli import cli

__all__ = ["cli"]

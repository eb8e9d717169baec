"""Smoke run (temporary): connects to a local anvil started by ape-foundry and reports it.

Replaced by the full KPI options lifecycle demo once the contracts land.
"""

import click
from ape.cli import ConnectedProviderCommand, network_option


@click.command(cls=ConnectedProviderCommand)
@network_option(default="ethereum:local:foundry")
def cli(ecosystem, network, provider):
    from ape import chain

    click.echo(f"connected to {provider.name} on {network.name}, chain id {chain.chain_id}")

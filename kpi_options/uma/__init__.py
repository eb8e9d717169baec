"""UMA's own published code and addresses, read from the pinned npm packages.

- :mod:`.artifacts`: the compiled contracts of ``@uma/core`` (Hardhat artifacts) as ape contract
  types, so tests, scripts and the benchmark can deploy and call exactly the code UMA ships.
- :mod:`.addresses`: UMA's deployed addresses per chain id, from ``@uma/contracts-node``.

Nothing of UMA's source is copied into this repository: both modules read ``node_modules/``.
"""

from kpi_options.uma.addresses import UmaAddressError, deployed_address, deployed_names
from kpi_options.uma.artifacts import UmaArtifactError, artifact, contract_container, contract_type

__all__ = [
    "UmaAddressError",
    "UmaArtifactError",
    "artifact",
    "contract_container",
    "contract_type",
    "deployed_address",
    "deployed_names",
]

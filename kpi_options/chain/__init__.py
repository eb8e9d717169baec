"""The chain side: connection (env), pair and request handles, the deployments record, the one deploy
path (system), transactions (tx), ABIs (abi), UMA's oracle names and states (oracle), the pair's
types and launch (pair)."""

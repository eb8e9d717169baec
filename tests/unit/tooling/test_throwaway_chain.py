"""Commands that record on an anvil ape-foundry started (and will stop) say so."""

from types import SimpleNamespace

from kpi_options.chain.env import throwaway_chain_note


def test_note__anvil_started_by_ape__warns_naming_the_record():
    provider = SimpleNamespace(process=object())
    note = throwaway_chain_note(provider, "deployments/local-31337.json")
    assert note.startswith("this anvil was started by ape-foundry for this command and stops")
    assert "recorded in deployments/local-31337.json will point at a chain that no longer" in note
    assert "APE_FOUNDRY_HOST=http://127.0.0.1:8545" in note


def test_note__node_already_running__silent():
    assert throwaway_chain_note(SimpleNamespace(process=None)) is None
    assert throwaway_chain_note(SimpleNamespace()) is None


def test_note__test_session_anvil__managed_by_ape(chain):
    # The test session's anvil is started by ape-foundry, as `ape run` without APE_FOUNDRY_HOST.
    assert throwaway_chain_note(chain.provider) is not None

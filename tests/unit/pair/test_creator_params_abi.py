"""The Python mirror of ``ILongShortPairCreator.CreatorParams`` against the compiled ABI (issue 15).

``CreatorParams`` (kpi_options.chain.pair) is passed to the creator as a positional tuple, so its
field order, names and types must be the struct's exactly; this reads them from the compiled
contract type of ``LongShortPairCreator`` (which ``is ILongShortPairCreator``: the struct is the
interface's; interfaces/ is compiled as a source, not a project contract), not from a copy.
"""

import pytest

from kpi_options.chain.pair import CreatorParams


def _struct_components(contract_type, method):
    abi = next(item for item in contract_type.abi if getattr(item, "name", None) == method)
    (struct,) = [i for i in abi.inputs if i.name == "params"] or abi.inputs[:1]
    return struct.components


@pytest.mark.parametrize(
    "method", ["createLongShortPair", "createLongShortPairWithPayoutParameters"]
)
def test_creator_params__fields__match_the_creator_struct_abi(project, method):
    components = _struct_components(project.LongShortPairCreator.contract_type, method)
    assert [c.name for c in components] == list(CreatorParams.abi_names())
    assert [c.type for c in components] == list(CreatorParams.ABI_TYPES)
    assert len(CreatorParams.abi_names()) == 15

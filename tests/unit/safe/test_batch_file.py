"""Safe Transaction Builder batch files: Safe's own checksum, the format the web app imports."""

import json

import pytest

from kpi_options.safe.batch import (
    SafeBatch,
    SafeBatchError,
    SafeCall,
    checksum,
    read_batch,
    write_batch,
)
from kpi_options.safe.multisend import multisend_calldata, pack_calls, unpack_calls

SAFE = "0xDF8a1Ce35c9a6ACE153B4e0767942f1E2291a1Aa"
TOKEN = "0x49d4450977E2c95362C13D3a31a09311E0Ea26A6"
SPENDER = "0x90F79bf6EB2c4f870365E785982E1f101E93b906"

# The batch of Safe's own unit test (safe-react-apps, apps/tx-builder/src/lib/checksum.test.js)
# and the checksum that test expects from addChecksum.
SAFE_TEST_BATCH = {
    "version": "1.0",
    "chainId": "4",
    "createdAt": 1646321521061,
    "meta": {
        "name": "test batch file",
        "txBuilderVersion": "1.4.0",
        "checksum": "",
        "createdFromSafeAddress": "0xDF8a1Ce35c9a6ACE153B4e0767942f1E2291a1Aa",
        "createdFromOwnerAddress": "0x49d4450977E2c95362C13D3a31a09311E0Ea26A6",
    },
    "transactions": [
        {
            "to": TOKEN,
            "value": "0",
            "contractMethod": {
                "inputs": [{"internalType": "address", "name": "paramAddress", "type": "address"}],
                "name": "testAddress",
                "payable": False,
            },
            "contractInputsValues": {"paramAddress": TOKEN},
        },
        {
            "to": TOKEN,
            "value": "0",
            "contractMethod": {
                "inputs": [{"internalType": "bool", "name": "paramBool", "type": "bool"}],
                "name": "testBool",
                "payable": False,
            },
            "contractInputsValues": {"paramAddress": "", "paramBool": "false"},
        },
        {
            "to": TOKEN,
            "value": "2000000000000000000",
            "data": "0x42f4579000000000000000000000000049d4450977e2c95362c13d3a31a09311e0ea26a6",
        },
    ],
}
SAFE_TEST_CHECKSUM = "0x4ecbfd364aa6759983915644e73f8bd411e85a2dc306f252a387c2728c4db64c"


def _approve_call(amount=10**18):
    data = bytes.fromhex("095ea7b3") + bytes(12) + bytes.fromhex(SPENDER[2:]) + amount.to_bytes(32)
    return SafeCall(
        to=TOKEN,
        data=data,
        method="approve",
        inputs=(("address", "spender"), ("uint256", "amount")),
        args=(SPENDER, amount),
    )


def _batch():
    return SafeBatch(chain_id=1, safe=SAFE, calls=[_approve_call(), SafeCall(TOKEN, b"\x12\x34")])


def test_checksum__safe_unit_test_batch__matches_safe_expected_value():
    assert checksum(SAFE_TEST_BATCH) == SAFE_TEST_CHECKSUM


def test_checksum__keys_in_another_order_or_other_name__same_value():
    reordered = {k: SAFE_TEST_BATCH[k] for k in reversed(list(SAFE_TEST_BATCH))}
    reordered["meta"] = {**SAFE_TEST_BATCH["meta"], "name": "renamed"}
    assert checksum(reordered) == SAFE_TEST_CHECKSUM


def test_checksum__transactions_reversed__changes():
    changed = {**SAFE_TEST_BATCH, "transactions": SAFE_TEST_BATCH["transactions"][::-1]}
    assert checksum(changed) != SAFE_TEST_CHECKSUM


def test_write_batch__two_calls__transaction_builder_format_with_valid_checksum(tmp_path):
    path = write_batch(tmp_path / "b.json", _batch(), created_at_ms=1_700_000_000_000)
    body = json.loads(path.read_text())
    assert body["version"] == "1.0" and body["chainId"] == "1"
    assert body["createdAt"] == 1_700_000_000_000
    assert set(body["meta"]) == {
        "name",
        "description",
        "txBuilderVersion",
        "createdFromSafeAddress",
        "createdFromOwnerAddress",
        "checksum",
    }
    assert body["meta"]["createdFromSafeAddress"] == SAFE
    # What the web app's validateChecksum does: drop meta.checksum, recompute, compare.
    unsigned = {**body, "meta": {k: v for k, v in body["meta"].items() if k != "checksum"}}
    assert body["meta"]["checksum"] == checksum(unsigned)
    first, second = body["transactions"]
    assert first["value"] == "0" and isinstance(first["value"], str)
    assert first["contractMethod"]["name"] == "approve"
    assert first["contractInputsValues"] == {"spender": SPENDER, "amount": str(10**18)}
    assert first["data"] == "0x" + _approve_call().data.hex()
    assert second == {
        "to": TOKEN,
        "value": "0",
        "data": "0x1234",
        "contractMethod": None,
        "contractInputsValues": None,
    }


def test_read_batch__written_file__same_calls(tmp_path):
    path = write_batch(tmp_path / "b.json", _batch(), created_at_ms=1)
    _, calls = read_batch(path)
    assert [(c.to, c.value, c.data) for c in calls] == [
        (c.to, c.value, c.data) for c in _batch().calls
    ]


def test_read_batch__edited_after_writing__refused_naming_checksum(tmp_path):
    path = write_batch(tmp_path / "b.json", _batch(), created_at_ms=1)
    body = json.loads(path.read_text())
    body["transactions"][0]["value"] = "1"
    path.write_text(json.dumps(body))
    with pytest.raises(SafeBatchError, match="checksum does not match") as err:
        read_batch(path)
    assert err.value.param == "checksum"


def test_read_batch__edited_with_checksum_recomputed__accepted_the_checksum_is_no_signature(
    tmp_path,
):
    """Whoever edits the file can recompute the checksum: it catches accidental edits only. The
    signers' defence is comparing each call the Safe app shows with what the command printed."""
    path = write_batch(tmp_path / "b.json", _batch(), created_at_ms=1)
    body = json.loads(path.read_text())
    attacker = "0x000000000000000000000000000000000000dEaD"
    body["transactions"][0]["to"] = attacker
    del body["meta"]["checksum"]
    body["meta"]["checksum"] = checksum(body)
    path.write_text(json.dumps(body))
    _, calls = read_batch(path)
    assert calls[0].to == attacker


@pytest.mark.parametrize(
    "content, message",
    [
        ("{not json", r"b\.json:1:2: not valid JSON: Expecting property name"),
        ("[]", "not a Transaction Builder batch file"),
        ('{"transactions": []}', "`meta` is missing"),
    ],
)
def test_read_batch__malformed_file__one_line_error(tmp_path, content, message):
    path = tmp_path / "b.json"
    path.write_text(content)
    with pytest.raises(SafeBatchError, match=message):
        read_batch(path)


def test_safe_call__negative_value__refused_naming_value():
    with pytest.raises(SafeBatchError) as err:
        SafeCall(TOKEN, b"", value=-1)
    assert err.value.param == "value"


def test_multisend__two_calls__packed_as_safe_specifies_and_decoded_back():
    calls = _batch().calls
    packed = pack_calls(calls)
    first = calls[0]
    # operation (1 byte) | to (20) | value (32) | data length (32) | data
    assert packed[0] == 0
    assert packed[1:21] == bytes.fromhex(TOKEN[2:])
    assert int.from_bytes(packed[21:53]) == 0
    assert int.from_bytes(packed[53:85]) == len(first.data)
    assert packed[85 : 85 + len(first.data)] == first.data
    assert len(packed) == sum(85 + len(c.data) for c in calls)
    decoded = unpack_calls(multisend_calldata(calls))
    assert [(c.to, c.value, c.data) for c in decoded] == [(c.to, c.value, c.data) for c in calls]

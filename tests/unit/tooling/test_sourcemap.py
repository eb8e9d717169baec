"""Source-map decoding and pc -> instruction-index mapping of the coverage tool."""

from kpi_dev.coverage.sourcemap import (
    LineIndex,
    SourceMapEntry,
    decode_source_map,
    instruction_pcs,
    jumpi_pcs,
    pc_to_instruction_index,
    strip_metadata,
)


def test_decode_source_map__empty_fields__repeat_previous_entry():
    entries = decode_source_map("1:2:0:-:0;;3;:9;5:6:1:i;::-1:o:1")
    assert entries == [
        SourceMapEntry(1, 2, 0, "-", 0),
        SourceMapEntry(1, 2, 0, "-", 0),
        SourceMapEntry(3, 2, 0, "-", 0),
        SourceMapEntry(3, 9, 0, "-", 0),
        SourceMapEntry(5, 6, 1, "i", 0),
        SourceMapEntry(5, 6, -1, "o", 1),
    ]


def test_decode_source_map__empty_string__no_entries():
    assert decode_source_map("") == []


def test_instruction_pcs__push_immediates__are_skipped():
    # PUSH1 0x01, PUSH2 0x0203, PUSH0, JUMPI, PUSH32 <32 bytes>, STOP
    code = bytes([0x60, 0x01, 0x61, 0x02, 0x03, 0x5F, 0x57, 0x7F]) + bytes(32) + bytes([0x00])
    assert instruction_pcs(code) == [0, 2, 5, 6, 7, 40]
    assert pc_to_instruction_index(code) == {0: 0, 2: 1, 5: 2, 6: 3, 7: 4, 40: 5}


def test_jumpi_pcs__jumpi_byte_inside_push_data__is_not_an_instruction():
    # PUSH1 0x57 (data byte equal to JUMPI), JUMPI, PUSH2 0x5757, JUMPI
    code = bytes([0x60, 0x57, 0x57, 0x61, 0x57, 0x57, 0x57])
    assert jumpi_pcs(code) == [2, 6]


def test_instruction_pcs__truncated_push_at_end__still_listed():
    assert instruction_pcs(bytes([0x00, 0x62, 0x01])) == [0, 1]


def test_strip_metadata__solc_cbor_tail__removed():
    body = bytes([0x60, 0x80, 0x60, 0x40, 0x52])
    meta = bytes([0xA2, 0x64]) + b"ipfs" + bytes([0x58, 0x22]) + bytes(34) + bytes([0x64]) + b"solc"
    meta += bytes([0x43, 0x00, 0x08, 0x1E])
    code = body + meta + len(meta).to_bytes(2, "big")
    assert strip_metadata(code) == body


def test_strip_metadata__no_cbor_tail__unchanged():
    code = bytes([0x60, 0x80, 0x60, 0x40, 0x52, 0x00, 0x03])
    assert strip_metadata(code) == code


def test_line_index__byte_offsets__map_to_one_based_lines():
    text = "ab\nc\n\né\nz"  # 'é' is two bytes in UTF-8
    index = LineIndex(text)
    assert [index.line(o) for o in (0, 2, 3, 5, 6, 7, 8, 9)] == [1, 1, 2, 3, 4, 4, 4, 5]

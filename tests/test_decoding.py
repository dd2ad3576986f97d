import codecs

import pytest

from kortrade.ingest.decoding import decode_bytes

KOREAN = "한국의 대중국 수출이 11월에 증가했다. 반도체 수출이 회복되었다."
CHINESE = "中国商务部表示，韩国对华出口增长。两国经贸合作继续深化。"


@pytest.mark.parametrize(
    "data, expected",
    [
        (b"plain text", "plain text"),
        (codecs.BOM_UTF8 + b"with bom", "with bom"),
        (codecs.BOM_UTF16_LE + "utf16 le".encode("utf-16-le"), "utf16 le"),
        (codecs.BOM_UTF16_BE + "utf16 be".encode("utf-16-be"), "utf16 be"),
        ("no bom utf16 text here".encode("utf-16-le"), "no bom utf16 text here"),
        (KOREAN.encode("cp949"), KOREAN),
        (KOREAN.encode("euc-kr"), KOREAN),
        (CHINESE.encode("gb18030"), CHINESE),
        (
            "He said \u201cyes\u201d \u2014 and left the caf\u00e9.".encode("cp1252"),
            "He said \u201cyes\u201d \u2014 and left the caf\u00e9.",
        ),
    ],
)
def test_decodes_common_encodings_without_flags(data, expected):
    decoded = decode_bytes(data)
    assert decoded.text == expected
    assert decoded.flags == ()


def test_png_is_binary():
    decoded = decode_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    assert decoded.flags == ("binary",) and decoded.text == ""


def test_random_control_bytes_are_binary():
    assert decode_bytes(bytes(range(32)) * 50).flags == ("binary",)


def test_text_is_binary_only_when_disallowed_controls_pass_their_share():
    whitespace = "a\tb\r\n\f\v" * 100
    assert decode_bytes(whitespace.encode()).text == whitespace
    few = "Exports rose to $5 billion in May.\x07 " * 20
    assert decode_bytes(few.encode()).text == few
    assert decode_bytes(("ab\x07\x1b" * 50).encode()).flags == ("binary",)


def test_nul_bytes_are_removed_and_flagged():
    decoded = decode_bytes(b"Exports\x00 rose.")
    assert decoded.text == "Exports rose."
    assert decoded.flags == ("encoding_repaired",)


def test_invalid_bytes_in_utf8_are_repaired_and_flagged():
    data = "한국 수출 증가 and more text about trade".encode() + b"\xff" + b" end"
    decoded = decode_bytes(data)
    assert "한국 수출 증가" in decoded.text and decoded.text.endswith(" end")
    assert decoded.flags == ("encoding_repaired",)


def test_empty_bytes_give_empty_text():
    assert decode_bytes(b"").text == ""


def test_a_text_opening_with_a_word_some_binary_format_opens_with_is_text():
    for text in ("BMW exports rose 5%.", "RIFFS between ministries widened.", "ID3 tags are metadata."):
        assert decode_bytes(text.encode()).flags == ()
        assert decode_bytes(text.encode()).text == text
    assert decode_bytes(b"BM6\x00\x00\x00\x00\x00\x00\x006\x00" + bytes(50)).flags == ("binary",)
    assert decode_bytes(b"RIFF$\x00\x00\x00WAVEfmt " + bytes(30)).flags == ("binary",)

"""Bytes to text: BOMs, strict UTF-8, then a charset detector, then a flagged fallback.

Returns the decoded text and the quality flags the decoding earned
(`binary`, `encoding_repaired`), following the data contract.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

import charset_normalizer

# Magic numbers of common binary formats that may sit in a scraped folder.
BINARY_SIGNATURES: tuple[bytes, ...] = (
    b"\x89PNG\r\n\x1a\n",
    b"\xff\xd8\xff",
    b"GIF87a",
    b"GIF89a",
    b"%PDF-",
    b"PK\x03\x04",
    b"\x1f\x8b",
    b"\x7fELF",
    b"\x00\x00\x01\x00",
    b"OggS\x00",
)
# Signatures that are also words a text may open with (`BMW exports ...`, `RIFF`, `ID3`): a pattern of the
# binary header after them must match too (a bitmap's reserved zero bytes, a RIFF form type, an ID3 version).
WORDLIKE_SIGNATURES: tuple[re.Pattern[bytes], ...] = (
    re.compile(rb"BM[\s\S]{4}\x00\x00\x00\x00"),
    re.compile(rb"RIFF[\s\S]{4}(?:WAVE|AVI |WEBP|RMID)"),
    re.compile(rb"ID3[\x02-\x04]\x00"),
)
BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Share of control characters above which decoded text is taken for binary data.
MAX_CONTROL_SHARE = 0.05
# Largest share of undecodable bytes for which UTF-8 with replacement still counts as text.
MAX_REPLACED_SHARE = 0.02
ALLOWED_CONTROLS = frozenset("\n\r\t\f\v")
CONTROLS = tuple(chr(code) for code in range(32) if chr(code) not in ALLOWED_CONTROLS)
CONTROL = re.compile(f"[{re.escape(''.join(CONTROLS))}]")


@dataclass(frozen=True)
class Decoded:
    """Text decoded from bytes, the encoding used and the flags it earned."""

    text: str
    encoding: str
    flags: tuple[str, ...] = ()


def decode_bytes(data: bytes) -> Decoded:
    """Decode raw file bytes into text, detecting binary data and repairing what it must."""
    if not data:
        return Decoded("", "")
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return _finish(data.decode(encoding, errors="replace"), encoding, repaired=False)
    if _has_binary_signature(data):
        return Decoded("", "", ("binary",))
    utf16 = _bomless_utf16(data)
    if utf16:
        return _finish(data.decode(utf16, errors="replace"), utf16, repaired=False)
    try:
        return _finish(data.decode("utf-8"), "utf-8", repaired=False)
    except UnicodeDecodeError:
        pass
    lenient = data.decode("utf-8", errors="replace")
    replaced = lenient.count("\ufffd")
    tolerable = replaced <= max(2, MAX_REPLACED_SHARE * len(lenient))
    if _has_multibyte_utf8(data) and tolerable:
        return _finish(lenient, "utf-8", repaired=True)
    best = charset_normalizer.from_bytes(data).best()
    if best is not None:
        return _finish(str(best), best.encoding, repaired=False)
    if tolerable:
        return _finish(lenient, "utf-8", repaired=True)
    return Decoded("", "", ("binary",))


def _finish(text: str, encoding: str, repaired: bool) -> Decoded:
    """Strip NUL bytes (flagging them) and reject text that is mostly control characters."""
    if "\x00" in text:
        text = text.replace("\x00", "")
        repaired = True
    controls = len(CONTROL.findall(text))  # one pass, where counting each control character took 26
    if text and controls > MAX_CONTROL_SHARE * len(text):
        return Decoded("", "", ("binary",))
    return Decoded(text, encoding, ("encoding_repaired",) if repaired else ())


def _has_binary_signature(data: bytes) -> bool:
    return any(data.startswith(sig) for sig in BINARY_SIGNATURES) or any(p.match(data) for p in WORDLIKE_SIGNATURES)


def _bomless_utf16(data: bytes) -> str | None:
    """Recognise UTF-16 without a BOM by its zero bytes falling on every other position."""
    sample = data[:4000]
    if len(sample) < 8 or len(sample) % 2:
        return None
    even_zero = sample[0::2].count(0) / (len(sample) / 2)
    odd_zero = sample[1::2].count(0) / (len(sample) / 2)
    if odd_zero > 0.4 and even_zero < 0.05:
        return "utf-16-le"
    if even_zero > 0.4 and odd_zero < 0.05:
        return "utf-16-be"
    return None


def _has_multibyte_utf8(data: bytes) -> bool:
    """True when the bytes hold at least one well-formed multi-byte UTF-8 sequence."""
    text = data.decode("utf-8", errors="ignore")
    return any(ord(ch) > 127 for ch in text[:100000])

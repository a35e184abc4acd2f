"""Bytes in, text out: encodings (UTF-8 with or without BOM, UTF-16/32 with BOM, GB18030/GBK)
and a clear refusal of anything that is not text."""
from __future__ import annotations

import codecs
import unicodedata

from .errors import IngestError

# Magic numbers of files that are surely not bulletin text.
_BINARY_SIGNATURES = {
    b"\x89PNG\r\n\x1a\n": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF87a": "a GIF image",
    b"GIF89a": "a GIF image",
    b"II*\x00": "a TIFF image",
    b"MM\x00*": "a TIFF image",
    b"BM": None,  # too short to trust alone; checked with the control-character test below
    b"PK\x03\x04": "a ZIP archive (or a Word/Excel file)",
    b"\xd0\xcf\x11\xe0": "an old Office document",
    b"\x1f\x8b": "a gzip archive",
    b"Rar!": "a RAR archive",
    b"7z\xbc\xaf\x27\x1c": "a 7-Zip archive",
    b"\x7fELF": "an executable",
}

_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]


def sniff_binary(data: bytes) -> str | None:
    """What kind of non-text file this is, or None if it may be text."""
    for magic, kind in _BINARY_SIGNATURES.items():
        if kind and data.startswith(magic):
            return kind
    return None


def decode_bytes(data: bytes, name: str = "<input>") -> str:
    """Decode bulletin text. The same text in any supported encoding gives the same string."""
    if not data or not data.strip():
        raise IngestError(f"{name}: the file is empty")
    kind = sniff_binary(data)
    if kind:
        raise IngestError(f"{name}: this is {kind}, not bulletin text or a PDF")
    text = None
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise IngestError(f"{name}: starts with a {encoding} byte-order mark but is not valid {encoding} (byte {exc.start})") from None
            break
    if text is None:
        if b"\x00" in data[:4096]:
            raise IngestError(f"{name}: contains NUL bytes; binary data, not bulletin text")
        for encoding in ("utf-8", "gb18030"):
            try:
                text = data.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
        else:
            raise IngestError(f"{name}: not decodable as UTF-8, UTF-16 (with BOM) or GB18030/GBK text")
    text = text.lstrip("\ufeff")
    _refuse_garbage(text, name)
    text = unicodedata.normalize("NFC", text)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _refuse_garbage(text: str, name: str) -> None:
    """Random bytes sometimes decode as GB18030; such text is mostly control or rare characters."""
    sample = text[:20000]
    visible = [c for c in sample if not c.isspace()]
    if not visible:
        raise IngestError(f"{name}: the file has no visible text")
    control = sum(1 for c in visible if unicodedata.category(c) in ("Cc", "Cf", "Co", "Cs", "Cn"))
    if control / len(visible) > 0.02:
        raise IngestError(f"{name}: {control} control or unassigned characters in the first {len(sample)}; binary data, not bulletin text")
    # Real bulletin text is mostly common CJK plus ASCII and CJK punctuation.
    common = sum(1 for c in visible if "\u4e00" <= c <= "\u9fff" or c.isascii() or "\u3000" <= c <= "\u303f" or "\uff00" <= c <= "\uffef" or c in "“”‘’…—·")
    if common / len(visible) < 0.8:
        raise IngestError(f"{name}: the text is mostly unusual characters ({len(visible) - common} of {len(visible)}); wrong encoding or not a bulletin")

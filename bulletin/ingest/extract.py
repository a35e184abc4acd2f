"""Bytes in, text out: encodings (UTF-8 with or without BOM, UTF-16/32 with BOM, GB18030/GBK)
and a clear refusal of anything that is not text."""
from __future__ import annotations

import codecs
import unicodedata

from .errors import IngestError
from .text_checks import Flaw, control_flaws, decode_lines, drop_controls, refuse, refuse_garbage

# Magic numbers of files that are surely not bulletin text.
_BINARY_SIGNATURES = {
    b"\x89PNG\r\n\x1a\n": "PNG 图片",
    b"\xff\xd8\xff": "JPEG 图片",
    b"GIF87a": "GIF 图片",
    b"GIF89a": "GIF 图片",
    b"II*\x00": "TIFF 图片",
    b"MM\x00*": "TIFF 图片",
    b"BM": None,  # too short to trust alone; checked with the control-character test below
    b"PK\x03\x04": "ZIP 压缩包（或 Word/Excel 文件）",
    b"\xd0\xcf\x11\xe0": "旧版 Office 文档",
    b"\x1f\x8b": "gzip 压缩包",
    b"Rar!": "RAR 压缩包",
    b"7z\xbc\xaf\x27\x1c": "7-Zip 压缩包",
    b"\x7fELF": "可执行程序",
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


def decode_bytes(data: bytes, name: str = "<input>", accept_flaws: bool = False) -> str:
    """Decode bulletin text. The same text in any supported encoding gives the same string."""
    text, flaws = decode_checked(data, name)
    if flaws and not accept_flaws:
        raise refuse(flaws, name)
    return text


def decode_checked(data: bytes, name: str = "<input>") -> tuple[str, list[Flaw]]:
    """The text (repaired where sure, text_checks.py) and its flaws: mixed encodings, mojibake,
    control characters, each by line. What is not text at all is refused here (IngestError)."""
    if not data or not data.strip():
        raise IngestError(f"{name}: 文件是空的")
    kind = sniff_binary(data)
    if kind:
        raise IngestError(f"{name}: 这是{kind}，不是公报文本或 PDF")
    text, flaws = None, []
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise IngestError(f"{name}: 文件以 {encoding} 字节序标记开头，但第 {exc.start} 字节起不是有效的 {encoding}") from None
            break
    if text is None:
        # Many NULs up front: UTF-16 without a BOM or binary data. A stray NUL is a flaw (by line).
        if data[:4096].count(b"\x00") > 4:
            raise IngestError(f"{name}: 含有 NUL 字节：是二进制数据，不是公报文本")
        decoded = decode_lines(data)
        if decoded is None:
            raise IngestError(f"{name}: 无法按 UTF-8、UTF-16（带 BOM）或 GB18030/GBK 解码")
        text, flaws = decoded
    text = text.lstrip("\ufeff")
    refuse_garbage(text, name)
    flaws = sorted(flaws + control_flaws(text), key=lambda flaw: flaw.line)
    if flaws:
        text = drop_controls(text)
    text = unicodedata.normalize("NFC", text)
    return text.replace("\r\n", "\n").replace("\r", "\n"), flaws

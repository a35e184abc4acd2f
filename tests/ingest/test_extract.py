import codecs

import pytest

from bulletin.ingest import IngestError, parse_bulletin
from bulletin.ingest.extract import decode_bytes

TEXT = "吉林市人民政府公报\n2024 年第 1期\n增长 15.2%，“两个确立”\n"


@pytest.mark.parametrize(
    "data",
    [
        TEXT.encode("utf-8"),
        codecs.BOM_UTF8 + TEXT.encode("utf-8"),
        TEXT.encode("utf-16"),  # with BOM
        codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"),
        TEXT.encode("gb18030"),
        TEXT.encode("gbk"),
        TEXT.replace("\n", "\r\n").encode("utf-8"),
    ],
    ids=["utf8", "utf8-bom", "utf16le-bom", "utf16be-bom", "gb18030", "gbk", "crlf"],
)
def test_every_supported_encoding_gives_the_same_text(data):
    assert decode_bytes(data, "x.txt") == TEXT


@pytest.mark.parametrize(
    "data, message",
    [
        (b"", "空"),
        (b"   \n\n  ", "空"),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "PNG 图片"),
        (b"\xff\xd8\xff\xe0" + bytes(200), "JPEG 图片"),
        (b"PK\x03\x04" + bytes(100), "ZIP 压缩包"),
        (bytes(range(256)) * 20, "NUL 字节"),
        (codecs.BOM_UTF8 + b"\xff\xfe\xfa", "不是有效的 utf-8"),
    ],
)
def test_non_text_is_refused_with_the_reason(data, message):
    with pytest.raises(IngestError) as info:
        decode_bytes(data, "upload.txt")
    assert info.value.args[0].startswith("upload.txt: ")
    assert message in str(info.value)


def test_random_bytes_are_refused_not_parsed():
    import random

    rng = random.Random(7)
    for _ in range(20):
        data = bytes(rng.randrange(1, 256) for _ in range(3000))
        with pytest.raises(IngestError):
            parse_bulletin(data, "random.bin")


def test_text_without_front_matter_is_refused():
    with pytest.raises(IngestError, match="找不到公报的刊头信息"):
        parse_bulletin("这是一段普通的文字。\n没有公报的封面和目录。\n".encode(), "note.txt")

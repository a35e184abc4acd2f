"""Bad text is refused by line, not stored: two encodings in one file, mojibake, NUL and control
characters anywhere, a body too small to be a bulletin; with accept_flaws (the editor's reason)
the text is repaired where sure and every flaw is kept as a warning."""
from pathlib import Path

import pytest

from bulletin.ingest import IngestError, parse_bulletin
from bulletin.ingest.extract import decode_checked
from bulletin.ingest.text_checks import FORCED, FlawedText

ROOT = Path(__file__).resolve().parent.parent.parent
SAMPLE = ROOT / "samples" / "jilin-gazette-2024-01.txt"
CORPUS = ROOT / "tests" / "corpus" / "inputs"
SMALL = CORPUS / "b02-a4.txt"  # a real-shaped bulletin that parses in milliseconds


def lines_of(path=SMALL):
    return path.read_text(encoding="utf-8").split("\n")


def cjk_line_numbers(lines, count, start=20):
    """1-based numbers of lines (from `start`) holding three ideographs or more."""
    found = [i + 1 for i, line in enumerate(lines) if i >= start and sum("\u4e00" <= c <= "\u9fff" for c in line) >= 3]
    return found[:count] if count > 0 else found


def articles(parsed):
    return [(a.title, [(b.kind, b.text) for b in a.blocks]) for a in parsed.articles]


def test_known_good_inputs_have_no_flaws():
    paths = [SAMPLE, *sorted(CORPUS.glob("*.txt")), *sorted(Path("/work/shared/corpus").glob("*.txt"))]
    for path in paths:
        _, flaws = decode_checked(path.read_bytes(), path.name)
        assert flaws == [], (path.name, flaws[:3])
    for path in [SAMPLE, *sorted(CORPUS.glob("*.txt"))]:
        data = path.read_text(encoding="utf-8").encode("gb18030")
        assert decode_checked(data, path.name)[1] == [], path.name


def test_gbk_file_with_two_utf8_lines_is_refused_naming_the_first_then_repaired_on_override():
    lines = lines_of()
    first, second = cjk_line_numbers(lines, 40)[10], cjk_line_numbers(lines, 40)[30]
    raw = [line.encode("gb18030") for line in lines]
    raw[first - 1], raw[second - 1] = lines[first - 1].encode("utf-8"), lines[second - 1].encode("utf-8")
    data = b"\n".join(raw)
    with pytest.raises(FlawedText) as info:
        parse_bulletin(data, "mixed.txt")
    message = str(info.value)
    assert message.startswith(f"mixed.txt: 第 {first} 行是 UTF-8 编码") and "另有 1 处" in message and "\n" not in message
    forced = parse_bulletin(data, "mixed.txt", accept_flaws=True)
    assert articles(forced) == articles(parse_bulletin(SMALL.read_bytes(), "clean.txt"))
    assert [w for w in forced.warnings if w.startswith(FORCED)] == [
        f"{FORCED}第 {first} 行是 UTF-8 编码，文件的其余部分是 GBK/GB18030（混用了两种编码）",
        f"{FORCED}第 {second} 行是 UTF-8 编码，文件的其余部分是 GBK/GB18030（混用了两种编码）"]


def test_a_utf8_file_with_a_line_once_read_as_gbk_is_mojibake():
    lines = lines_of()
    for number in cjk_line_numbers(lines, 0, start=30):
        try:
            garbled = lines[number - 1].encode("utf-8").decode("gb18030")
            break
        except UnicodeDecodeError:
            continue
    original = lines[number - 1]
    lines[number - 1] = garbled
    data = "\n".join(lines).encode("utf-8")
    with pytest.raises(FlawedText) as info:
        parse_bulletin(data, "moji.txt")
    assert str(info.value).startswith(f"moji.txt: 第 {number} 行是乱码")
    forced = parse_bulletin(data, "moji.txt", accept_flaws=True)
    assert articles(forced) == articles(parse_bulletin(SMALL.read_bytes(), "clean.txt"))
    assert original.strip()[:8] in forced.warnings[0]


def test_gbk_read_as_latin1_and_saved_as_utf8_is_mojibake():
    lines = lines_of()
    number = cjk_line_numbers(lines, 5)[3]
    lines[number - 1] = lines[number - 1].encode("gbk").decode("latin-1")
    with pytest.raises(FlawedText) as info:
        parse_bulletin("\n".join(lines).encode("utf-8"), "latin.txt")
    assert str(info.value).startswith(f"latin.txt: 第 {number} 行是乱码")


@pytest.mark.parametrize("char", ["\x00", "\x07", "\x1b", "\x7f", "\x85", "\x9f"])
def test_a_control_character_far_into_the_file_is_refused_by_line(char):
    lines = lines_of(SAMPLE)  # 93 KB: past the first 4 KB and 20,000 characters
    number = len(lines) - 40
    assert len("\n".join(lines[:number]).encode()) > 4096 and len("\n".join(lines[:number])) > 20000
    lines[number - 1] = lines[number - 1][:5] + char + lines[number - 1][5:]
    data = "\n".join(lines).encode("utf-8")
    with pytest.raises(FlawedText) as info:
        parse_bulletin(data, "ctrl.txt")
    assert str(info.value).startswith(f"ctrl.txt: 第 {number} 行有控制字符 U+{ord(char):04X}")


def test_overridden_control_characters_are_dropped_not_stored():
    lines = lines_of()
    number = cjk_line_numbers(lines, 5)[2]
    dirty = lines[number - 1][:3] + "\x00\x07" + lines[number - 1][3:]
    lines[number - 1] = dirty
    forced = parse_bulletin("\n".join(lines).encode("utf-8"), "ctrl.txt", accept_flaws=True)
    assert articles(forced) == articles(parse_bulletin(SMALL.read_bytes(), "clean.txt"))
    assert f"{FORCED}第 {number} 行有控制字符 U+0000" in forced.warnings[0]


def test_form_feed_and_tabs_are_text():
    text = SMALL.read_text(encoding="utf-8").replace("\n", "\n\f", 3).replace("  ", "\t", 2)
    assert decode_checked(text.encode("utf-8"), "ff.txt")[1] == []


def test_binary_after_a_good_start_is_refused_outright(tmp_path):
    import random

    data = SAMPLE.read_bytes() + random.Random(3).randbytes(60000).replace(b"\x00", b"\x01")
    with pytest.raises(IngestError) as info:
        parse_bulletin(data, "tail.bin", accept_flaws=True)  # no reason makes binary data a bulletin
    assert not isinstance(info.value, FlawedText) and "不是公报文本" in str(info.value)


def test_one_line_of_body_is_too_small_unless_overridden():
    head = "\n".join(SMALL.read_text(encoding="utf-8").split("\n")[:3])  # the masthead only
    data = (head + "\n关于加强城市管理的通知\n各县（市）区人民政府：现将有关事项通知如下。\n").encode("utf-8")
    with pytest.raises(FlawedText) as info:
        parse_bulletin(data, "short.txt")
    message = str(info.value)
    assert "正文只有" in message and "太少" in message and message.startswith("short.txt: 第 ")
    forced = parse_bulletin(data, "short.txt", accept_flaws=True)
    assert any("太少" in w for w in forced.warnings)

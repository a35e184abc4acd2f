"""Text that decodes but must not be stored as it is: two encodings in one file, mojibake, control
characters. Each problem is a Flaw naming its line; the importer refuses a text with flaws
(FlawedText, one line) unless the editor overrides with a reason (accept_flaws), and then the
text is repaired where that is sure (a UTF-8 line in a GBK file is read as UTF-8, control
characters are dropped) and every flaw is kept as a warning on the bulletin."""
from __future__ import annotations

import re
from dataclasses import dataclass

from .errors import IngestError

# C0 and C1 controls; tab, line feed, carriage return and form feed (pdftotext's page break) are text.
CONTROL_RE = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
_CJK_RE = re.compile("[\u4e00-\u9fff]")
_LATIN1_HIGH_RE = re.compile("[\u00a0-\u00ff]")
# "Not a bulletin" is judged on windows of the whole text, so binary data after a good start is found.
WINDOW = 20_000
_COMMON_RE = re.compile("[\u4e00-\u9fff!-~\u3000-\u303f\uff00-\uffef“”‘’…—·]")
_SPACE_RE = re.compile(r"\s")


# Opens the warning of each flaw the editor overrode.
FORCED = "强制导入："


def was_forced(warnings: list[str]) -> bool:
    return any(w.startswith(FORCED) for w in warnings)


class FlawedText(IngestError):
    """A text the editor may still import, with a reason (the flaws become warnings)."""


@dataclass(frozen=True)
class Flaw:
    line: int  # 1-based line of the file
    message: str  # one line, Chinese, without the file name

    def text(self, name: str) -> str:
        return f"{name}: 第 {self.line} 行{self.message}"


def refuse(flaws: list[Flaw], name: str) -> FlawedText:
    more = f"（另有 {len(flaws) - 1} 处问题）" if len(flaws) > 1 else ""
    return FlawedText(f"{flaws[0].text(name)}{more}：请改正文件，或注明理由后强制导入")


def _utf8_cjk(raw: bytes) -> str | None:
    """The line as UTF-8 if it is valid UTF-8 holding Chinese (two ideographs at least: the GBK
    bytes of a short word like 目录 happen to be valid UTF-8, but never of ideographs)."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return text if len(_CJK_RE.findall(text)) >= 2 else None


def _gb(raw: bytes) -> str | None:
    try:
        return raw.decode("gb18030")
    except UnicodeDecodeError:
        return None


def decode_lines(data: bytes) -> tuple[str, list[Flaw]] | None:
    """Text without a byte-order mark: UTF-8, else GB18030, line by line where the file mixes
    them. None if no line decodes at all."""
    raw_lines = data.split(b"\n")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = None
    if text is not None:
        return _mojibake_in_utf8(text)
    flaws: list[Flaw] = []
    lines: list[str] = []
    decoded_any = False
    for number, raw in enumerate(raw_lines, start=1):
        as_gb = _gb(raw)
        as_utf8 = _utf8_cjk(raw) if not raw.isascii() else None
        if as_utf8 is not None:
            flaws.append(Flaw(number, "是 UTF-8 编码，文件的其余部分是 GBK/GB18030（混用了两种编码）"))
            lines.append(as_utf8)
        elif as_gb is not None:
            lines.append(as_gb)
            decoded_any |= bool(raw.strip())
        else:
            flaws.append(Flaw(number, "既不是有效的 UTF-8，也不是有效的 GB18030/GBK"))
            lines.append(raw.decode("gb18030", errors="replace"))
    if not decoded_any:
        return None
    return "\n".join(lines), flaws


def _mojibake_in_utf8(text: str) -> tuple[str, list[Flaw]]:
    """Lines of a UTF-8 file that were once read in the wrong encoding and saved again: UTF-8
    read as GBK (鍚夋灄甯), or GBK/UTF-8 read as Latin-1 (¼ªÁÖ, å\x90\x89): their characters,
    encoded back, are the UTF-8 or GBK bytes of Chinese text. Repaired when overridden."""
    flaws: list[Flaw] = []
    lines = text.split("\n")
    for index, line in enumerate(lines):
        if line.isascii():
            continue
        repaired = None
        try:
            repaired = _utf8_cjk(line.encode("gb18030"))
        except UnicodeEncodeError:
            pass
        if repaired is None and len(_LATIN1_HIGH_RE.findall(line)) >= 4:
            try:
                raw = line.encode("latin-1")
                repaired = _utf8_cjk(raw) or (_gb(raw) if len(_CJK_RE.findall(_gb(raw) or "")) >= 2 else None)
            except UnicodeEncodeError:
                pass
        if repaired is not None:
            flaws.append(Flaw(index + 1, f"是乱码（「{line.strip()[:8]}」应为「{repaired.strip()[:8]}」：曾用错误的编码读过）"))
            lines[index] = repaired
    return ("\n".join(lines) if flaws else text), flaws


def control_flaws(text: str) -> list[Flaw]:
    """Every C0/C1 control character, anywhere in the text, by line."""
    flaws: list[Flaw] = []
    line, last = 1, 0
    for match in CONTROL_RE.finditer(text):
        line += text.count("\n", last, match.start())
        last = match.start()
        if not flaws or flaws[-1].line != line:
            flaws.append(Flaw(line, f"有控制字符 U+{ord(match.group()):04X}（不可见，不属于公报文字）"))
    return flaws


def drop_controls(text: str) -> str:
    return CONTROL_RE.sub("", text)


def refuse_garbage(text: str, name: str) -> None:
    """Binary data that decoded (random bytes often decode as GB18030) is mostly rare characters:
    refused outright, wherever it starts. Real bulletin text is mostly common CJK plus ASCII and
    CJK punctuation, in every window of the file."""
    for start in range(0, max(len(text), 1), WINDOW):
        window = text[start:start + WINDOW]
        visible = len(window) - len(_SPACE_RE.findall(window))
        if not visible:
            if start == 0 and not text.strip():
                raise IngestError(f"{name}: 文件中没有可见文字")
            continue
        common = len(_COMMON_RE.findall(window))
        if visible >= 50 and common / visible < 0.8 or visible < 50 and start == 0 and common / visible < 0.5:
            line = text.count("\n", 0, start) + 1
            raise IngestError(f"{name}: 第 {line} 行起的文字大多是罕见字符或控制字符（{visible} 个中有 {visible - common} 个）："
                              "是二进制数据或编码错误，不是公报文本")


def body_flaws(kept_lines: int, body_chars: int, first_line: int) -> list[Flaw]:
    """A bulletin has a body: a few lines of text at least after its masthead and contents."""
    if kept_lines >= MIN_BODY_LINES and body_chars >= MIN_BODY_CHARS:
        return []
    return [Flaw(first_line, f"起的正文只有 {kept_lines} 行、{body_chars} 个字：太少，不像一期公报")]


# The shortest bulletin in the corpus has far more; one article of three lines is the floor.
MIN_BODY_LINES = 3
MIN_BODY_CHARS = 60

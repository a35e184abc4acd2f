"""The typesetter loses nothing: every expected block's characters appear, contiguously and in order, in
the characters pdfplumber extracts from the PDF body pages (fake-bold duplicates removed, whitespace
removed, running heads and page numbers cut off by position). Plain pytest, no database.

Checks a few bulletins in every layout to stay fast; `python -m tests.corpus.test_typeset` checks all.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import pdfplumber  # noqa: E402

from tests.corpus import typeset  # noqa: E402
from tests.corpus.build import CORPUS
from tests.corpus.markup import read_markup  # noqa: E402

INPUTS = Path(__file__).resolve().parent / "inputs"
WS = re.compile(r"\s+")
SAMPLE = [1, 4, 6, 9]


def squash(s: str) -> str:
    return WS.sub("", s)


def body_text(pdf_path: Path, layout: str, info: dict) -> str:
    """Body characters in content-stream order, logical page order, furniture bands cut off."""
    spec = typeset.SPECS[layout]
    kinds = info["kinds"]
    out = []
    with pdfplumber.open(pdf_path) as pdf:
        if info.get("sheets"):
            halves = []
            for sheet, page in zip(info["sheets"], pdf.pages):
                w = page.width / 2
                halves.append((sheet[0], page.crop((0, 0, w, page.height)), 0))
                halves.append((sheet[1], page.crop((w, 0, page.width, page.height)), w))
            halves.sort(key=lambda t: t[0])
            views = [(idx, p) for idx, p, _ in halves]
        else:
            views = list(enumerate(pdf.pages))
        for idx, page in views:
            if kinds[idx] != "body":
                continue
            top, bottom = page.height - spec.top - 2, page.height - spec.bottom + 4
            chars = page.dedupe_chars().chars
            x0 = page.bbox[0]
            for c in chars:  # nothing outside the margins (booklet halves: relative to the half)
                assert spec.left - 1.5 <= c["x0"] - x0 and c["x1"] - x0 <= spec.page_w - spec.right + 1.5, (
                    f"{pdf_path.name} page {idx}: {c['text']!r} outside the text frame at x={c['x0']:.1f}")
            out.append("".join(c["text"] for c in chars if top <= c["top"] and c["bottom"] <= bottom))
    return squash("".join(out))


def block_strings(article: dict) -> list[str]:
    out = [article["title"]]
    for b in article["blocks"]:
        if b["kind"] == "table":
            out.append("".join("".join(r) for r in b["rows"]))
        else:
            out.append(b["text"])
    return [squash(s) for s in out if squash(s)]


def missing_blocks(text: str, expected: dict) -> list[str]:
    missing, pos = [], 0
    for art in expected["articles"]:
        for s in block_strings(art):
            k = text.find(s, pos)
            if k < 0:
                missing.append(s)
            else:
                pos = k + len(s)
    return missing


def check(num: int, layout: str) -> list[str]:
    trad = layout == "trad"
    exp = json.loads((INPUTS / f"b{num:02d}{'-trad' if trad else ''}.expected.json").read_text("utf-8"))
    info = exp["pdf"][layout]
    return missing_blocks(body_text(INPUTS / info["file"], layout, info), exp)


@pytest.mark.parametrize("layout", typeset.PDF_LAYOUTS)
@pytest.mark.parametrize("num", SAMPLE)
def test_pdf_keeps_every_block_in_order(num, layout):
    assert check(num, layout) == []


def test_expected_matches_markup():
    """The expected JSON is the markup, nothing else (guards against hand edits)."""
    for path in sorted(INPUTS.glob("b??.expected.json")):
        exp = json.loads(path.read_text("utf-8"))
        for art in exp["articles"]:
            source = CORPUS / art["source"]
            assert source.exists(), f"{source}: the shared corpus must lie beside the repository (../shared/corpus)"
            src = read_markup(source)
            assert src["blocks"] == art["blocks"]
            assert src["title"] == art["title"]


def test_seed_text_shape():
    for num in SAMPLE:
        text = (INPUTS / f"b{num:02d}-seed.txt").read_text("utf-8")
        exp = json.loads((INPUTS / f"b{num:02d}.expected.json").read_text("utf-8"))
        assert exp["gazette"] in text
        body = squash("".join(l for l in text.splitlines()
                              if not re.fullmatch(r"- \d+ -", l) and l != f"{exp['gazette']} {exp['year']}·{exp['issue']}"))
        assert missing_blocks(body, exp) == []


def test_radicals_text_is_the_a4_text_with_radicals():
    back = {v: k for k, v in typeset.radical_map().items()}
    for num in SAMPLE:
        rad = (INPUTS / f"b{num:02d}-radicals.txt").read_text("utf-8")
        a4 = (INPUTS / f"b{num:02d}-a4.txt").read_text("utf-8")
        n = sum(ch in back for ch in rad)
        assert n > 30
        assert "".join(back.get(ch, ch) for ch in rad) == a4


if __name__ == "__main__":
    import time
    t = time.time()
    bad = 0
    for n in range(1, 10):
        for layout in typeset.PDF_LAYOUTS:
            m = check(n, layout)
            if m:
                bad += 1
                print(f"b{n:02d} {layout}: {len(m)} missing, e.g. {m[:2]}")
    print(f"{'OK' if not bad else 'FAIL'} in {time.time() - t:.1f}s")

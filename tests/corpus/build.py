"""Regenerate the test corpus: `.venv/bin/python -m tests.corpus.build` (writes tests/corpus/inputs/).

9 bulletins x 4 real documents (../shared/corpus beside the repository, see tests/corpus/README.md), each typeset in every
PDF layout of typeset.SPECS, plus pdftotext text (default and -layout), a radicals text and a seed text,
and the expected parse (bNN.expected.json, bNN-trad.expected.json) derived only from the markup.
Deterministic: fixed seeds, reportlab invariant mode.
"""
from __future__ import annotations

import argparse
import copy
import json
import os
import sys
from pathlib import Path

from tests.corpus import typeset
from tests.corpus.markup import read_markup, table_text

# The shared corpus lies beside the repository (../shared/corpus); CORPUS_DIR overrides.
CORPUS = Path(os.environ.get("CORPUS_DIR", Path(__file__).resolve().parents[3] / "shared" / "corpus"))
OUT = Path(__file__).resolve().parent / "inputs"

CATEGORY_ORDER = ["政府规章", "上级文件", "市政府文件", "市政府办公室文件", "行政长官批示",
                  "政府工作报告", "人事任免", "其他"]
CATEGORY = {
    1: "人事任免", 2: "人事任免", 3: "人事任免", 4: "人事任免", 5: "行政长官批示", 6: "行政长官批示",
    7: "市政府办公室文件", 8: "市政府文件", 9: "其他", 10: "市政府文件", 11: "市政府文件",
    12: "政府规章", 13: "政府规章", 14: "市政府文件", 15: "市政府文件", 16: "市政府文件",
    17: "市政府文件", 18: "市政府办公室文件", 19: "市政府办公室文件", 20: "市政府办公室文件",
    21: "政府工作报告", 22: "政府工作报告", 23: "政府工作报告", 24: "其他", 25: "其他",
    26: "上级文件", 27: "市政府文件", 28: "市政府文件", 29: "市政府办公室文件",
    30: "上级文件", 31: "上级文件", 32: "上级文件", 33: "上级文件", 34: "上级文件", 35: "上级文件",
    36: "上级文件",
}
# (num, gazette, year, issue, total, published, docs, seed column width, seed column lines)
BULLETINS = [
    (1, "临沧市人民政府公报", 2024, 3, 120, "2024-03-15", [1, 7, 16, 30], 17, 28),
    (2, "济宁市人民政府公报", 2023, 6, 218, "2023-06-20", [2, 8, 17, 31], 21, 27),
    (3, "娄底市人民政府公报", 2025, 2, 96, "2025-02-28", [3, 9, 18, 32], 15, 29),
    (4, "珠海市人民政府公报", 2012, 8, 301, "2012-08-10", [4, 5, 6, 29], 24, 28),
    (5, "开封市人民政府公报", 2019, 11, 187, "2019-11-30", [10, 19, 22, 33], 19, 26),
    (6, "聊城市人民政府公报", 2022, 4, 265, "2022-04-25", [11, 20, 23, 34], 16, 30),
    (7, "吉安市人民政府公报", 2021, 1, 142, "2021-01-31", [12, 13, 24, 35], 22, 28),
    (8, "岳阳市人民政府公报", 2020, 12, 233, "2020-12-31", [14, 21, 25, 36], 18, 27),
    (9, "资阳市人民政府公报", 2018, 9, 77, "2018-09-15", [15, 26, 27, 28], 20, 28),
]
TEXT_LAYOUTS = ["radicals", "seed"]


def corpus_file(n: int) -> Path:
    (p,) = sorted(CORPUS.glob(f"{n:02d}-*.txt"))
    return p


def load_bulletin(spec) -> typeset.Bulletin:
    num, gazette, year, issue, total, published, docs, width, col_lines = spec
    arts = []
    for d in docs:
        a = read_markup(corpus_file(d))
        a["category"] = CATEGORY[d]
        a["source"] = corpus_file(d).name
        arts.append(a)
    arts.sort(key=lambda a: CATEGORY_ORDER.index(a["category"]))  # stable: contiguous categories
    return typeset.Bulletin(num, gazette, year, issue, total, published, arts, width, col_lines)


def convert_article(a: dict, conv) -> dict:
    a = copy.deepcopy(a)
    for k in ("title", "category", "doc_number", "subtitle", "speaker", "addressee", "issuer"):
        a[k] = conv(a[k])
    for b in a["blocks"]:
        if b["kind"] == "table":
            b["rows"] = [[conv(c) for c in r] for r in b["rows"]]
            b["text"] = table_text(b["rows"])
        else:
            b["text"] = conv(b["text"])
    return a


def expected(b: typeset.Bulletin, arts, conv, start_pages: dict, furniture, pdfinfo: dict, main: str):
    out = {
        "gazette": conv(b.gazette), "year": b.year, "issue": b.issue, "total_issue": b.total_issue,
        "published": b.published,
        "cover": [conv(s) for s in b.cover_lines],
        "furniture": furniture,
        "page_number_forms": {k: conv(v) for k, v in typeset.PAGE_NUMBER_FORMS.items()
                              if k in start_pages},
        "start_pages": start_pages,
        "pdf": pdfinfo,
        "contents": [{"category": a["category"], "title": a["title"], "page": p}
                     for a, p in zip(arts, start_pages[main])],
        "articles": [],
    }
    for a, p in zip(arts, start_pages[main]):
        out["articles"].append({
            "title": a["title"], "category": a["category"], "start_page": p,
            "source": a["source"],
            "doc_number": a["doc_number"], "subtitle": a["subtitle"], "speaker": a["speaker"],
            "addressee": a["addressee"], "issuer": a["issuer"], "signed_on": a["signed_on"],
            "blocks": a["blocks"],
        })
    return out


def dump(path: Path, data):
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def build(only=None, out=OUT, verbose=True):
    import opencc
    s2t = opencc.OpenCC("s2t").convert
    ident = lambda s: s  # noqa: E731
    out.mkdir(parents=True, exist_ok=True)
    for spec in BULLETINS:
        if only and spec[0] not in only:
            continue
        b = load_bulletin(spec)
        name = f"b{b.num:02d}"
        starts, infos, furniture = {}, {}, set()
        trad_arts = [convert_article(a, s2t) for a in b.articles]
        for layout in typeset.PDF_LAYOUTS:
            trad = layout == "trad"
            arts = trad_arts if trad else b.articles
            pdf, info = typeset.render_pdf(b, layout, arts, s2t if trad else ident)
            path = out / f"{name}-{layout}.pdf"
            path.write_bytes(pdf)
            (out / f"{name}-{layout}.txt").write_text(typeset.pdftotext(path), encoding="utf-8")
            (out / f"{name}-{layout}.layout.txt").write_text(typeset.pdftotext(path, layout=True),
                                                              encoding="utf-8")
            starts[layout] = info["start_pages"]
            infos[layout] = {"file": path.name, **{k: v for k, v in info.items()
                                                   if k not in ("start_pages",)}}
            if not trad:
                furniture |= set(info["furniture"])
            if verbose:
                print(f"{path.name}: {info['pages']} pages, {len(pdf) // 1024} KB, starts {info['start_pages']}")
        a4_text = (out / f"{name}-a4.txt").read_text(encoding="utf-8")
        (out / f"{name}-radicals.txt").write_text(typeset.radicalize(a4_text, seed=1000 + b.num),
                                                  encoding="utf-8")
        seed, seed_starts = typeset.seed_text(b, seed=2000 + b.num)
        (out / f"{name}-seed.txt").write_text(seed, encoding="utf-8")
        simp = {k: v for k, v in starts.items() if k != "trad"}
        simp["seed"] = seed_starts
        simp["radicals"] = starts["a4"]
        fur = sorted(furniture | {b.tag})
        dump(out / f"{name}.expected.json",
             expected(b, b.articles, ident, simp, fur, {k: v for k, v in infos.items() if k != "trad"}, "a4"))
        trad_b = typeset.Bulletin(b.num, b.gazette, b.year, b.issue, b.total_issue, b.published, trad_arts)
        tfur = sorted(infos["trad"]["furniture"])
        dump(out / f"{name}-trad.expected.json",
             expected(trad_b, trad_arts, s2t, {"trad": starts["trad"]}, tfur, {"trad": infos["trad"]}, "trad"))


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("--only", type=int, nargs="*")
    args = ap.parse_args(argv)
    build(set(args.only) if args.only else None)


if __name__ == "__main__":
    sys.exit(main())

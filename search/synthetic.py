"""Synthetic archives for tests and the benchmark: real bulletin sentences recombined.

The sample is wrapped at fixed width and scrambled; joining the lines and splitting on 。 gives
real bulletin sentences. With corpus=True (the benchmark) the sentences, titles and gazette names
also come from the test corpus's 36 documents (tests/corpus/inputs/*.expected.json, in the
repository), spread over many gazettes and 20 years. Generation is deterministic for a seed.
"""
from __future__ import annotations

import datetime
import random
import re
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.db import transaction

from bulletin.body import enclosing_positions
from bulletin.gazettes import gazette_named
from bulletin.models import Article, Block, Bulletin

SAMPLE = Path(settings.BASE_DIR) / "samples" / "jilin-gazette-2024-01.txt"
CORPUS_EXPECTED = Path(settings.BASE_DIR) / "tests" / "corpus" / "inputs"
YEARS = 20
DOC_TYPES = ("通知", "决定", "意见", "办法", "批复", "报告", "公告", "令")
CATEGORIES = ("市政府文件", "市政府办公室文件", "部门文件", "人事任免", "上级文件")
GAZETTE = "吉林市人民政府公报"
ARTICLES_PER_BULLETIN = 10
PARAGRAPHS_PER_SECTION = 5
LEVEL1 = "一二三四五六七八九十"


@lru_cache(maxsize=1)
def sample_sentences() -> tuple[str, ...]:
    text = "".join(line.strip() for line in SAMPLE.read_text(encoding="utf-8").splitlines())
    sentences = [s.strip() + "。" for s in text.split("。")]
    return tuple(s for s in sentences if 8 <= len(s) <= 200 and re.search(r"[\u4e00-\u9fff]", s))


@lru_cache(maxsize=1)
def corpus_material() -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """(sentences, titles, gazette names) of the sample and the corpus documents."""
    import json

    sentences, titles, gazettes = list(sample_sentences()), [], ["吉林市人民政府公报"]
    for path in sorted(CORPUS_EXPECTED.glob("b0*.expected.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        gazettes.append(data["gazette"])
        for article in data["articles"]:
            titles.append(article["title"])
            for block in article["blocks"]:
                if block["kind"] in ("paragraph", "heading", "table"):
                    sentences += [s + "。" for s in block["text"].split("。") if 8 <= len(s) <= 200]
    return tuple(sentences), tuple(titles), tuple(dict.fromkeys(gazettes))


def paragraph_texts(count: int, seed: int = 7, sentences_per_paragraph=(1, 4), corpus: bool = False) -> list[str]:
    rng = random.Random(seed)
    pool = corpus_material()[0] if corpus else sample_sentences()
    return ["".join(rng.choice(pool) for _ in range(rng.randint(*sentences_per_paragraph))) for _ in range(count)]


@transaction.atomic
def build_archive(paragraph_count: int, seed: int = 7, texts: list[str] | None = None,
                  paragraphs_per_bulletin: int = 1000, corpus: bool = False) -> list[int]:
    """Create bulletins/articles with bodies holding ``paragraph_count`` paragraphs (and headings).

    Returns the new bulletin ids. Bulletins run monthly backwards from 2024-12, so years vary; with
    corpus=True they take turns among the corpus's gazettes, over 20 years, with document types
    and categories.
    """
    texts = texts if texts is not None else paragraph_texts(paragraph_count, seed, corpus=corpus)
    rng = random.Random(seed)
    per_article = max(1, paragraphs_per_bulletin // ARTICLES_PER_BULLETIN)
    bulletin_ids, cursor, month_index = [], 0, 0
    if corpus:
        _, titles, names = corpus_material()
        titles = list(titles)
        gazettes = [gazette_named(name) for name in names]
    else:
        titles = [s[:24].rstrip("。，") for s in sample_sentences()]
        gazettes = [gazette_named(GAZETTE)]
    while cursor < len(texts):
        gazette = gazettes[month_index % len(gazettes)]
        slot = month_index // len(gazettes)  # this gazette's n-th issue, newest first
        if corpus:  # 20 years of monthly issues; beyond them the issue numbers go on (13, 14, …)
            year, month, cycle = 2024 - (slot // 12) % YEARS, 12 - slot % 12, slot // (12 * YEARS)
        else:
            year, month, cycle = 2024 - slot // 12, 12 - slot % 12, 0
        bulletin = Bulletin.objects.create(
            gazette=gazette, year=year, issue=month + 12 * cycle, published=datetime.date(year, month, 15),
            source_sha256=f"synthetic-{seed}-{month_index}",
        )
        bulletin_ids.append(bulletin.pk)
        for position in range(1, ARTICLES_PER_BULLETIN + 1):
            if cursor >= len(texts):
                break
            article = Article.objects.create(
                bulletin=bulletin, position=position, title=rng.choice(titles)[:300],
                doc_type=rng.choice(DOC_TYPES) if corpus else "", category=rng.choice(CATEGORIES) if corpus else "")
            chunk = texts[cursor:cursor + per_article]
            cursor += len(chunk)
            _fill_article(article, chunk, rng, titles)
        month_index += 1
    return bulletin_ids


def _fill_article(article: Article, texts: list[str], rng: random.Random, titles) -> None:
    """Paragraphs under two levels of headings: 一、 every three sections, （一） between."""
    items: list[tuple[str, str, int | None, str]] = []  # kind, text, level, number
    level1 = level2 = 0
    for index, text in enumerate(texts):
        if index % PARAGRAPHS_PER_SECTION == 0:
            if index % (PARAGRAPHS_PER_SECTION * 3) == 0:
                number, level, level2 = f"{LEVEL1[level1 % 10]}、", 1, 0
                level1 += 1
            else:
                number, level = f"（{LEVEL1[level2 % 10]}）", 2
                level2 += 1
            items.append(("heading", number + rng.choice(titles), level, number))
        items.append(("paragraph", text, None, ""))
    parents = enclosing_positions([(kind, level) for kind, _, level, _ in items])
    Block.objects.bulk_create(
        [Block(article=article, position=position, kind=kind, text=text, level=level, number=number, parent=parent)
         for position, ((kind, text, level, number), parent) in enumerate(zip(items, parents), start=1)],
        batch_size=1000,
    )

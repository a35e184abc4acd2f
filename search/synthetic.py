"""Synthetic archives for tests and the benchmark: sentences of the sample bulletin recombined.

The sample is wrapped at fixed width and scrambled; joining the lines and splitting on 。 gives
real bulletin sentences. Generation is deterministic for a given seed.
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
GAZETTE = "吉林市人民政府公报"
ARTICLES_PER_BULLETIN = 10
PARAGRAPHS_PER_SECTION = 5
LEVEL1 = "一二三四五六七八九十"


@lru_cache(maxsize=1)
def sample_sentences() -> tuple[str, ...]:
    text = "".join(line.strip() for line in SAMPLE.read_text(encoding="utf-8").splitlines())
    sentences = [s.strip() + "。" for s in text.split("。")]
    return tuple(s for s in sentences if 8 <= len(s) <= 200 and re.search(r"[\u4e00-\u9fff]", s))


def paragraph_texts(count: int, seed: int = 7, sentences_per_paragraph=(1, 4)) -> list[str]:
    rng = random.Random(seed)
    pool = sample_sentences()
    return ["".join(rng.choice(pool) for _ in range(rng.randint(*sentences_per_paragraph))) for _ in range(count)]


@transaction.atomic
def build_archive(paragraph_count: int, seed: int = 7, texts: list[str] | None = None,
                  paragraphs_per_bulletin: int = 1000) -> list[int]:
    """Create bulletins/articles with bodies holding ``paragraph_count`` paragraphs (and headings).

    Returns the new bulletin ids. Bulletins run monthly backwards from 2024-12, so years vary.
    """
    texts = texts if texts is not None else paragraph_texts(paragraph_count, seed)
    rng = random.Random(seed)
    per_article = max(1, paragraphs_per_bulletin // ARTICLES_PER_BULLETIN)
    bulletin_ids, cursor, month_index = [], 0, 0
    titles = [s[:24].rstrip("。，") for s in sample_sentences()]
    while cursor < len(texts):
        year, month = 2024 - month_index // 12, 12 - month_index % 12
        bulletin = Bulletin.objects.create(
            gazette=gazette_named(GAZETTE), year=year, issue=month, published=datetime.date(year, month, 15),
            source_sha256=f"synthetic-{seed}-{month_index}",
        )
        bulletin_ids.append(bulletin.pk)
        for position in range(1, ARTICLES_PER_BULLETIN + 1):
            if cursor >= len(texts):
                break
            article = Article.objects.create(bulletin=bulletin, position=position, title=rng.choice(titles))
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

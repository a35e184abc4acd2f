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

from bulletin.models import Article, Bulletin, Paragraph, Section

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
    """Create bulletins/articles/sections/paragraphs holding ``paragraph_count`` paragraphs.

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
            gazette=GAZETTE, year=year, issue=month, published=datetime.date(year, month, 15),
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
    sections, parent, position = [], None, 0
    paragraphs = []
    for number, text in enumerate(texts, start=1):
        if (number - 1) % PARAGRAPHS_PER_SECTION == 0:
            position += 1
            if (number - 1) % (PARAGRAPHS_PER_SECTION * 3) == 0:
                parent = Section.objects.create(article=article, position=position, level=1,
                                                number=f"{LEVEL1[len(sections) % 10]}、", title=rng.choice(titles))
                sections.append(parent)
                current = parent
            else:
                current = Section.objects.create(article=article, parent=parent, position=position, level=2,
                                                 number=f"（{LEVEL1[(position - 1) % 10]}）", title=rng.choice(titles))
        paragraphs.append(Paragraph(article=article, section=current, number=number, text=text))
    Paragraph.objects.bulk_create(paragraphs, batch_size=1000)

"""How many 文号 mentions the archive's texts hold and how many resolve to an article it holds.

    .venv/bin/python bench/citations.py            # the configured database (ARCHIVE_DATA_DIR)
    .venv/bin/python bench/citations.py --corpus   # the test corpus (36 documents, 9 bulletins)
                                                   # stored into a temporary database first

Counts the stored mentions (citations.models.Mention), checks them against a fresh scan of every
block (citations.doc_numbers.find_mentions, timed), and resolves them as the article page does.
The last line is one JSON object with the figures.
"""
import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", action="store_true", help="load the test corpus into a temporary database")
    args = parser.parse_args()
    if args.corpus:
        temporary = tempfile.mkdtemp(prefix="citations-bench-")
        os.environ["ARCHIVE_DATA_DIR"] = temporary
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.core.management import call_command

    from bulletin.models import Article, Block
    from citations.doc_numbers import find_mentions
    from citations.models import DocNumberKey, Mention
    from citations.store import SKIPPED_KINDS

    if args.corpus:
        from tests.corpus_archive import store_corpus

        call_command("migrate", verbosity=0)
        store_corpus()

    started = time.perf_counter()
    scanned = blocks = 0
    for text in Block.objects.exclude(kind__in=SKIPPED_KINDS).values_list("text", flat=True).iterator():
        blocks += 1
        scanned += len(find_mentions(text))
    scan_seconds = time.perf_counter() - started

    holders = defaultdict(set)
    for article_id, key in DocNumberKey.objects.values_list("article_id", "key"):
        holders[key].add(article_id)
    mentions = list(Mention.objects.values_list("article_id", "key"))
    resolved = [(a, k) for a, k in mentions if holders[k] - {a}]
    figures = {
        "database": "corpus" if args.corpus else "configured",
        "articles": Article.objects.count(),
        "blocks_scanned": blocks,
        "articles_with_keyed_doc_number": len(DocNumberKey.objects.all()),
        "mentions": len(mentions),
        "mentions_rescanned": scanned,
        "distinct_cited": len({k for _, k in mentions}),
        "citing_articles": len({a for a, _ in mentions}),
        "resolved": len(resolved),
        "resolved_distinct": len({k for _, k in resolved}),
        "resolved_share": round(len(resolved) / len(mentions), 3) if mentions else None,
        "scan_seconds": round(scan_seconds, 3),
    }
    print(f"文章 {figures['articles']} 篇，扫描正文块 {blocks} 个（{scan_seconds:.3f} 秒）")
    print(f"文号提及 {len(mentions)} 处（重新扫描 {scanned} 处），涉及 {figures['distinct_cited']} 个文号、"
          f"{figures['citing_articles']} 篇文章")
    print(f"其中本档案收录、可链接的 {len(resolved)} 处（{figures['resolved_distinct']} 个文号）")
    if args.corpus:
        shutil.rmtree(temporary, ignore_errors=True)
    print(json.dumps(figures, ensure_ascii=False))


if __name__ == "__main__":
    main()

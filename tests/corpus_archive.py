"""The test corpus stored as an archive: the 9 bulletins of tests/corpus/inputs/bNN.expected.json
(36 real documents, their blocks derived from the markup only) through bulletin.services, as an
import stores them. Used by the citation, feed, sitemap and API tests and by bench/citations.py."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from bulletin.ingest.document import ParsedBulletin
from tests.corpus.build import CORPUS

INPUTS = Path(__file__).resolve().parent / "corpus" / "inputs"


def expected_files() -> list[Path]:
    return sorted(INPUTS.glob("b[0-9][0-9].expected.json"))


def store_corpus() -> list:
    from bulletin.services import store_bulletin

    stored = []
    for path in expected_files():
        data = path.read_bytes()
        parsed = ParsedBulletin.from_json_dict(json.loads(data))
        stored.append(store_bulletin(parsed, source_bytes=data, source_name=path.name).bulletin)
    return stored


def source_of(title: str) -> Path:
    """The corpus markup file of the document with this title."""
    for path in expected_files():
        for article in json.loads(path.read_text(encoding="utf-8"))["articles"]:
            if article["title"] == title:
                return CORPUS / article["source"]
    raise LookupError(title)


@pytest.fixture(scope="module")
def corpus_archive(django_db_setup, django_db_blocker):
    """The corpus stored and indexed once per module (outside the per-test transactions, removed
    at the end): tests using it must only read."""
    from bulletin.models import Bulletin, Gazette
    from search import writer

    with django_db_blocker.unblock():
        bulletins = store_corpus()
        writer.rebuild_from_database(procs=1)
        yield bulletins
        Bulletin.objects.all().delete()
        Gazette.objects.all().delete()
        writer.clear_index()

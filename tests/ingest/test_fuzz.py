"""A few dozen damaged PDFs and texts (seeded, tests/fuzz_inputs.py): each is parsed or refused with
the one-line error naming the file; no exception of a PDF library or of the importer escapes."""
import random
from pathlib import Path

import pytest

from bulletin.ingest import IngestError, parse_bulletin
from tests.fuzz_inputs import PDF_DAMAGES, TEXT_DAMAGES, clean_pdfs, damaged_pdf, damaged_text

CORPUS = Path(__file__).resolve().parent.parent / "corpus" / "inputs"


def assert_parsed_or_one_line(data: bytes, name: str, label: str):
    try:
        parse_bulletin(data, name)
    except IngestError as exc:
        message = str(exc)
        assert message.startswith(f"{name}: ") and "\n" not in message and len(message) < 400, (label, message)


@pytest.fixture(scope="module")
def pdfs():
    return clean_pdfs()


def test_damaged_pdfs_give_one_line_errors(pdfs):
    rng = random.Random(20261201)
    for i in range(36):
        label, data = damaged_pdf(rng, pdfs)
        assert_parsed_or_one_line(data, f"fuzz-{i}.pdf", label)


@pytest.mark.parametrize("damage", PDF_DAMAGES, ids=lambda d: d.__name__.strip("_"))
def test_every_pdf_damage_alone(pdfs, damage):
    rng = random.Random(7)
    for i in range(3):
        assert_parsed_or_one_line(damage(rng, pdfs[i % len(pdfs)]), f"one-{i}.pdf", damage.__name__)


def test_damaged_texts_give_one_line_errors():
    texts = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("b0[1-3]-a4.txt"))]
    rng = random.Random(20261201)
    for i in range(36):
        label, data = damaged_text(rng, texts)
        assert_parsed_or_one_line(data, f"fuzz-{i}.txt", label)


@pytest.mark.parametrize("damage", TEXT_DAMAGES, ids=lambda d: d.__name__.strip("_"))
def test_every_text_damage_alone(damage):
    text = (CORPUS / "b02-a4.txt").read_text(encoding="utf-8")
    rng = random.Random(11)
    for i in range(2):
        assert_parsed_or_one_line(damage(rng, text), f"one-{i}.txt", damage.__name__)


def test_a_pdf_library_exception_after_opening_becomes_the_one_line_error(monkeypatch, pdfs):
    """pdfminer raises from objects it reads lazily, after the file opened: e.g. a struct.error
    from a damaged font while the page's characters are read."""
    import struct

    import bulletin.ingest.pdf_lines as pdf_lines

    def broken(*args, **kwargs):
        raise struct.error("unpack requires a buffer of 4 bytes")

    monkeypatch.setattr(pdf_lines, "order_pages", broken)
    with pytest.raises(IngestError) as info:
        parse_bulletin(pdfs[0], "broken.pdf")
    assert str(info.value) == "broken.pdf: PDF 已损坏，无法读取（error：unpack requires a buffer of 4 bytes）"

"""Every block kind of the importer's JSON contract survives parse → store → render → the
article's ?format=json, on the corpus bulletins (their expectations come from the source markup)."""
import html
import json
from pathlib import Path

import pytest

from bulletin.ingest import parse_bulletin
from bulletin.ingest.document import BLOCK_KINDS, ParsedBulletin
from bulletin.models import Article
from bulletin.services import store_bulletin

INPUTS = Path(__file__).resolve().parent.parent / "corpus" / "inputs"
EXPECTED = sorted(INPUTS.glob("b0*.expected.json"))
PARSED_INPUTS = ["b03-a4.pdf", "b06-twocol.txt", "b09-a4.layout.txt", "b04-trad.pdf"]

pytestmark = pytest.mark.django_db


def stored_json(client, bulletin) -> list[dict]:
    out = []
    for article in Article.objects.filter(bulletin=bulletin).order_by("position"):
        response = client.get(article.get_absolute_url(), {"format": "json"})
        assert response.status_code == 200 and response["Content-Type"].startswith("application/json")
        out.append(response.json())
    return out


def assert_round_trip(client, parsed: ParsedBulletin, source: bytes):
    bulletin = store_bulletin(parsed, source_bytes=source, source_name="corpus").bulletin
    served = stored_json(client, bulletin)
    assert len(served) == len(parsed.articles)
    contract = parsed.to_json_dict()["articles"]
    for got, want, article in zip(served, contract, Article.objects.filter(bulletin=bulletin).order_by("position")):
        assert [{k: v for k, v in b.items() if k != "anchor"} for b in got["blocks"]] == want["blocks"]
        assert [b["anchor"] for b in got["blocks"]] == [f"p-{k}" for k in range(1, len(want["blocks"]) + 1)]
        for field in ("title", "category", "start_page", "subtitle", "speaker", "doc_number", "addressee",
                      "issuer", "signed_on", "doc_type"):
            assert got[field] == want[field], field
        assert got["url"].endswith(article.get_absolute_url())
        page = client.get(article.get_absolute_url()).content.decode()
        for k, block in enumerate(want["blocks"], start=1):
            if block["kind"] == "table" and k > 1 and want["blocks"][k - 2]["kind"] in ("heading", "doc_title"):
                assert f'aria-labelledby="p-{k - 1}"' in page  # the heading printed over it is its caption
            shown = block["rows"][0][0] if block["kind"] == "table" else block["text"]
            assert html.escape(shown, quote=True).replace("&#x27;", "'") in page.replace("&#x27;", "'")


@pytest.mark.parametrize("path", EXPECTED, ids=lambda p: p.name)
def test_every_block_of_the_source_markup_round_trips(client, path):
    data = json.loads(path.read_text(encoding="utf-8"))
    parsed = ParsedBulletin.from_json_dict(data)
    assert_round_trip(client, parsed, path.read_bytes())


def test_the_corpus_holds_every_block_kind():
    kinds = {b["kind"] for path in EXPECTED for a in json.loads(path.read_text(encoding="utf-8"))["articles"]
             for b in a["blocks"]}
    assert kinds == set(BLOCK_KINDS)


@pytest.mark.parametrize("name", PARSED_INPUTS)
def test_what_the_importer_returns_round_trips(client, name):
    source = (INPUTS / name).read_bytes()
    assert_round_trip(client, parse_bulletin(source, name), source)

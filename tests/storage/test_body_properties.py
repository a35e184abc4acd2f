"""Property: any body of any block kinds, any characters a bulletin may print (markup characters
included), stored and replaced in place, comes back from ?format=json block for block, and the
page shows every block once under its anchor."""
import datetime
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bulletin.ingest.document import BLOCK_KINDS, Article, Block, ParsedBulletin
from bulletin.services import store_bulletin

TEXT = st.text(alphabet=st.sampled_from(list("一二三四五六七八九十国务院关于通知。，：；（）〔〕《》——…<>&\"' abc123")),
               min_size=1, max_size=30).map(str.strip).filter(bool)


@st.composite
def blocks(draw):
    kind = draw(st.sampled_from(BLOCK_KINDS))
    if kind == "heading":
        number = draw(st.sampled_from(["一、", "（二）", "3.", "（4）", "第五章", ""]))
        return Block(kind, number + draw(TEXT), level=draw(st.integers(1, 4)), number=number)
    if kind == "table":
        rows = draw(st.lists(st.lists(TEXT, min_size=1, max_size=4), min_size=1, max_size=4))
        return Block(kind, "\n".join(" ".join(r) for r in rows), rows=rows)
    return Block(kind, draw(TEXT))


ARTICLES = st.lists(st.builds(lambda title, body: Article(title=title, blocks=body), TEXT,
                              st.lists(blocks(), max_size=12)), min_size=1, max_size=3)


@pytest.mark.django_db
@settings(max_examples=60, deadline=None, derandomize=True,  # the same examples on every CI run
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(articles=ARTICLES)
def test_any_body_round_trips_through_storage_and_the_page(client, articles):
    parsed = ParsedBulletin("吉林市人民政府公报", 2024, 1, None, datetime.date(2024, 2, 15), articles)
    source = json.dumps(parsed.to_json_dict(), ensure_ascii=False).encode()
    bulletin = store_bulletin(parsed, source_bytes=source, source_name="x.txt", replace=True).bulletin
    assert bulletin.articles.count() == len(articles)
    for position, article in enumerate(articles, start=1):
        url = f"/jilin/2024/1/{position}/"
        served = client.get(url, {"format": "json"}).json()
        assert served["title"] == article.title
        assert [{k: v for k, v in b.items() if k != "anchor"} for b in served["blocks"]] == \
            [b.to_json_dict() for b in article.blocks]
        page = client.get(url).content.decode()
        for k in range(1, len(article.blocks) + 1):
            assert page.count(f'id="p-{k}"') == 1
        assert "<>" not in page.split('<div class="article-body">', 1)[1].split("</article>", 1)[0]

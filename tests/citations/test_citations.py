"""Citations stored with a bulletin and resolved at read time, checked against the corpus markup:
the mentions expected come from a brute-force scan of the markup files with a regex of this
test's own (every bracketed year followed by a number and 号, the whole CJK run before it)."""
import datetime
import json
import re
from collections import Counter

import pytest
from django.core.management import call_command
from django.db import transaction

from bulletin.ingest.document import Article as ParsedArticle
from bulletin.ingest.document import Block as ParsedBlock
from bulletin.ingest.document import ParsedBulletin
from bulletin.models import Article, Block
from bulletin.services import delete_bulletin, reparse_bulletin, store_bulletin
from citations.models import DocNumberKey, Mention
from tests.corpus_archive import expected_files, source_of, store_corpus

pytestmark = pytest.mark.django_db

BRUTE = re.compile(r"([\u4e00-\u9fff]+)[〔\[（(【﹝［]([0-9O〇]{4})[〕\]）)】﹞］](文|第)?([0-9]+)[号號]")


def brute_force(markup: str) -> list[tuple[str, str]]:
    """(printed, key) of every bracketed 文号 in the markup, the article's own 文号 line and title aside."""
    found = []
    for line in markup.splitlines():
        if line.startswith(("@文号 ", "# ")):
            continue
        for m in BRUTE.finditer(line):
            year = m.group(2).replace("O", "0").replace("〇", "0")
            key = f"{m.group(1)}{'文' if m.group(3) == '文' else ''}〔{year}〕{int(m.group(4))}号"
            found.append((m.group(0), key))
    return found


def stored(article) -> list[tuple[str, str]]:
    return [(m.text, m.key) for m in Mention.objects.filter(article=article).order_by("block_position", "start")]


def test_every_bracketed_mention_of_the_corpus_is_stored():
    store_corpus()
    total = 0
    for article in Article.objects.all():
        expected = brute_force(source_of(article.title).read_text(encoding="utf-8"))
        assert Counter(stored(article)) == Counter(expected), article.title
        total += len(expected)
    assert total >= 10  # the corpus cites at least 10 documents in brackets
    for mention in Mention.objects.all():
        block = Block.objects.get(article_id=mention.article_id, position=mention.block_position)
        assert block.text[mention.start:mention.start + len(mention.text)] == mention.text
        assert block.kind != "doc_number"


def test_own_doc_numbers_are_keyed():
    store_corpus()
    for article in Article.objects.exclude(doc_number=""):
        own = article.doc_number.strip("（）()")
        m = BRUTE.fullmatch(own)
        if m:  # a 文号 in brackets (not a 令号 such as 第82号)
            assert DocNumberKey.objects.get(article=article).key.endswith(f"{int(m.group(4))}号")
    assert DocNumberKey.objects.count() == sum(
        1 for a in Article.objects.all() if BRUTE.fullmatch(a.doc_number.strip("（）()")))


def one_article_bulletin(title, paragraphs, *, doc_number="", year=2025, issue=1, gazette="测试市人民政府公报"):
    blocks = ([ParsedBlock("doc_number", doc_number)] if doc_number else []) + [ParsedBlock("paragraph", p) for p in paragraphs]
    article = ParsedArticle(title=title, doc_number=doc_number, blocks=blocks)
    return ParsedBulletin(gazette=gazette, year=year, issue=issue, total_issue=None,
                          published=datetime.date(year, 1, 15), articles=[article])


def store(parsed, name):
    return store_bulletin(parsed, source_bytes=json.dumps(parsed.to_json_dict(), ensure_ascii=False).encode(),
                          source_name=name).bulletin


CITING = ["按照《国务院办公厅关于科技节水建议的复函》（国办函2005年21号）要求，",
          "又见国办函[2005]第21号，以及鄂政文(2004)15号和未收录的京政办发〔2016〕26号。"]


def test_mentions_resolve_whatever_the_order_of_import(client):
    citing = store(one_article_bulletin("测试引用文", CITING), "citing.json")
    citing_article = citing.articles.get()
    assert Mention.objects.filter(article=citing_article).count() == 4
    page = client.get(citing_article.get_absolute_url()).content.decode()
    assert "本档案未收录" in page and 'class="citation-link"' not in page  # nothing held yet
    store_corpus()  # imported later: holds 国办函〔2005〕21号 (35-fuhan-guobanfa-2005)
    cited = Article.objects.get(doc_number="国办函〔2005〕21号")
    page = client.get(citing_article.get_absolute_url()).content.decode()
    url = cited.get_absolute_url()
    assert page.count(f'<a class="citation-link" href="{url}"') == 2  # both printed forms in the body
    assert '>国办函2005年21号</a>' in page and '>国办函[2005]第21号</a>' in page
    assert page.count(f'<a class="citation-target" href="{url}">') == 1  # one entry under 引用
    for missing in ("鄂政文〔2004〕15号", "京政办发〔2016〕26号"):
        assert f'<span class="citation-missing">{missing}</span>' in page
    cited_page = client.get(url).content.decode()
    assert "被引用" in cited_page and citing_article.get_absolute_url() in cited_page


def test_reparse_and_delete_keep_mentions_in_step(client):
    bulletin = store(one_article_bulletin("甲", CITING), "a.json")
    assert Mention.objects.count() == 4
    changed = one_article_bulletin("甲", ["只引用国发〔2005〕3号。"])
    with transaction.atomic():
        reparse_bulletin(bulletin, parse=lambda data, name: changed)
    assert [(m.text, m.key) for m in Mention.objects.all()] == [("国发〔2005〕3号", "国发〔2005〕3号")]
    delete_bulletin(bulletin)
    assert Mention.objects.count() == 0 and DocNumberKey.objects.count() == 0


def test_a_failed_store_leaves_no_mentions(monkeypatch):
    import bulletin.services as services

    bulletin = store(one_article_bulletin("甲", CITING), "a.json")
    real = services.record_citations

    def record_then_fail(pk):
        real(pk)
        assert Mention.objects.filter(key="国发〔2005〕3号").exists()  # recorded inside the transaction
        raise RuntimeError("broken after the mentions were recorded")

    monkeypatch.setattr(services, "record_citations", record_then_fail)
    with pytest.raises(RuntimeError):
        reparse_bulletin(bulletin, parse=lambda data, name: one_article_bulletin("甲", ["国发〔2005〕3号"]))
    assert sorted(Mention.objects.values_list("key", flat=True)) == sorted(
        ["国办函〔2005〕21号", "国办函〔2005〕21号", "鄂政文〔2004〕15号", "京政办发〔2016〕26号"])


def test_fill_citations_restores_what_the_store_records():
    store_corpus()
    before = sorted(Mention.objects.values_list("article_id", "block_position", "start", "text", "key"))
    keys = sorted(DocNumberKey.objects.values_list("article_id", "key"))
    Mention.objects.all().delete()
    DocNumberKey.objects.all().delete()
    call_command("fill_citations", stdout=open("/dev/null", "w"))
    assert sorted(Mention.objects.values_list("article_id", "block_position", "start", "text", "key")) == before
    assert sorted(DocNumberKey.objects.values_list("article_id", "key")) == keys


def test_data_migration_fills_stored_bulletins():
    from importlib import import_module

    from django.apps import apps

    store_corpus()
    expected = Mention.objects.count()
    Mention.objects.all().delete()
    import_module("citations.migrations.0002_fill_stored_bulletins").fill(apps, None)
    assert Mention.objects.count() == expected > 0


def test_mention_text_is_escaped_in_the_link(client):
    evil = ['<script>alert(1)</script>见国发〔2005〕3号<b>粗</b>']
    citing = store(one_article_bulletin("引用", evil, year=2025, issue=2), "evil.json")
    store(one_article_bulletin('国务院关于"<i>测试</i>"的决定', ["正文。"], doc_number="国发〔2005〕3号", year=2005), "cited.json")
    page = client.get(citing.articles.get().get_absolute_url()).content.decode()
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;b&gt;粗&lt;/b&gt;" in page
    assert 'title="国务院关于&quot;&lt;i&gt;测试&lt;/i&gt;&quot;的决定">国发〔2005〕3号</a>' in page


def test_article_page_queries_do_not_grow_with_mentions(client, django_assert_max_num_queries):
    many = [f"引用国发〔2005〕{n}号。" for n in range(1, 40)]
    citing = store(one_article_bulletin("多引", many), "many.json")
    for n in range(1, 40, 3):
        store(one_article_bulletin(f"国发{n}", ["正文。"], doc_number=f"国发〔2005〕{n}号", year=2005, issue=n), f"c{n}.json")
    with django_assert_max_num_queries(12):
        response = client.get(citing.articles.get().get_absolute_url())
    assert response.content.decode().count('class="citation-link"') == len(range(1, 40, 3))
    assert len(expected_files()) == 9
    assert Block.objects.filter(kind="paragraph", article__bulletin=citing).count() == 39

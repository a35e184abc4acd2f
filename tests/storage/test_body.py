"""The heading tree, derived in one place (bulletin.body) for the page, the preview and search."""
from bulletin.body import body_from_parsed, enclosing_positions, heading_path, table_of_contents
from bulletin.ingest.document import Block


def test_headings_close_their_own_level_and_deeper():
    kinds = [("paragraph", None), ("heading", 1), ("heading", 2), ("paragraph", None), ("heading", 2),
             ("heading", 3), ("heading", 1), ("paragraph", None)]
    assert enclosing_positions(kinds) == [None, None, 2, 3, 2, 5, None, 7]


def test_an_embedded_document_nests_its_own_headings_under_its_title():
    # 印发通知: its own paragraph and signature, then the 办法 it issues with 第一章… restarting at 1.
    blocks = [Block("heading", "一、总则", 1, "一、"), Block("paragraph", "现印发。"), Block("signature", "市政府"),
              Block("doc_title", "某某管理办法"), Block("heading", "第一章 总则", 1, "第一章"),
              Block("paragraph", "第一条 为了……"), Block("heading", "第二章 附则", 1, "第二章")]
    body = body_from_parsed(blocks)
    assert [b.parent for b in body] == [None, 1, 1, None, 4, 5, 4]
    toc = table_of_contents(body)
    assert [n.block.text for n in toc] == ["一、总则", "某某管理办法"]
    assert [n.block.text for n in toc[1].children] == ["第一章 总则", "第二章 附则"]
    # Rendered levels: the article title is h1, the embedded title h2, its chapters h3.
    assert [b.heading_tag for b in body if b.kind in ("heading", "doc_title")] == ["h2", "h2", "h3", "h3"]
    assert heading_path(body, 6) == ["某某管理办法", "第一章 总则"]


def test_a_heading_without_a_level_counts_as_top_level():
    assert enclosing_positions([("heading", None), ("paragraph", None), ("heading", 0)]) == [None, 1, None]


def test_a_table_is_labelled_by_the_caption_printed_above_it():
    blocks = [Block("heading", "一、民间文学（共计6项）", 1, "一、"), Block("table", "序号 名称", rows=[["序号", "名称"]]),
              Block("paragraph", "表2 资金安排一览表"), Block("table", "a b", rows=[["a", "b"]]),
              Block("paragraph", "现将有关事项通知如下。"), Block("table", "c d", rows=[["c", "d"]])]
    body = body_from_parsed(blocks)
    assert [b.caption for b in body if b.kind == "table"] == ["p-1", "p-3", ""]

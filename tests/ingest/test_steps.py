"""Unit tests of the importer's steps on small hand-made inputs."""
from bulletin.ingest.columns import duplicate_partners, full_width, initial_fragments, merge_orphans
from bulletin.ingest.continuity import ContinuityModel
from bulletin.ingest.dedupe import drop_duplicate_columns, page_contexts
from bulletin.ingest.lines import continues_something, ends_open, is_short, read_lines, visual_width
from bulletin.ingest.numbering import count_numbering_breaks, find_marker, numbered_starts
from bulletin.ingest.paragraphs import build_blocks, clean_spacing, join_lines
from bulletin.ingest.structure import build_article
from bulletin.ingest.document import TocEntry


def lines_of(text):
    return read_lines(text)


# ---------------------------------------------------------------- spacing and joining


def test_pdf_spaces_around_numbers_and_latin_are_removed():
    assert clean_spacing("增长 15.2%，单位 GDP 能耗下降 3 %") == "增长15.2%，单位GDP能耗下降3%"
    assert clean_spacing("新建 5G 基站 1200 个") == "新建5G基站1200个"
    assert clean_spacing("Hello World 你好") == "Hello World你好"


def test_wrapped_lines_join_without_spaces_but_latin_words_keep_theirs():
    assert join_lines(["发放创业担保贷款 2", "亿元以上"]) == "发放创业担保贷款2亿元以上"
    assert join_lines(["the State", "Council 国务院"]) == "the State Council国务院"


# ---------------------------------------------------------------- line shapes


def test_widths_and_shapes():
    assert visual_width("一二三") == 3
    assert visual_width("ab") == 1.1
    assert is_short("一二三四五六七八九十一二三四五六", 18)  # 16 of 18: indented first line
    assert not is_short("一二三四五六七八九十一二三四五六七八", 18)
    assert is_short("一二三四五六七八九十一二三四五六，", 18)  # the comma hangs past the margin
    assert ends_open("这句话还没有说完，还要接着到下一行去写完", 20)
    assert not ends_open("这句话已经说完了。", 20)
    assert not ends_open("（一）经济运行逆势上扬", 20)  # a heading
    assert continues_something("立”，增强“四个意识”")
    assert continues_something("，然后")
    assert not continues_something("“清四乱”，加快推进")


# ---------------------------------------------------------------- numbering


def test_markers_and_their_sequences():
    kinds = [(m.kind, m.value) for m in map(find_marker, ["一、总则", "（三）加强领导", "12. 细则", "（2）其他", "第十二条 本办法", "第三章 附则", "二是优化服务"])]
    assert kinds == [("l1", 1), ("l2", 3), ("l3", 12), ("l4", 2), ("clause", 12), ("chapter", 3), ("lead", 2)]
    assert find_marker("一二三产主要指标") is None
    assert find_marker("2024 年是") is None
    good = numbered_starts(["一是甲。", "二是乙。", "（二）丙", "一是丁。"])
    assert count_numbering_breaks(good) == 0
    bad = numbered_starts(["一是甲。", "四是乙。", "二是丙。"])
    assert count_numbering_breaks(bad) == 2


# ---------------------------------------------------------------- columns and copies


def test_orphan_character_rejoins_its_line():
    body = lines_of("体就业支持体系，发放创业担保贷款 2\n亿\n元以上，开展职业技能培训")
    merged = merge_orphans(body, 18)
    assert [line.text for line in merged] == ["体就业支持体系，发放创业担保贷款 2亿", "元以上，开展职业技能培训"]
    assert merged[0].absorbed == (1,)


def test_copied_runs_are_found_but_a_repeated_sentence_is_not_a_copy():
    column = [f"第{i}行的正文内容各不相同" for i in range(6)]
    text = "\n".join(column + ["另一栏的文字。", "坚持稳中求进。"] + column + ["坚持稳中求进。"])
    body = lines_of(text)
    partners = duplicate_partners(body)
    assert partners[0] == {8} and partners[5] == {13}
    assert partners[7] == set() and partners[14] == set()  # one repeated line is text
    fragments = initial_fragments(body)
    kept, duplicates = drop_duplicate_columns(fragments)
    assert [l.text for l in duplicates] == column
    assert sum(len(c) for c in kept) == len(body) - len(column)


def test_column_width_ignores_headings_and_first_lines():
    text = "\n".join(["（一）标题", "一二三四五六七八九十一二三四五六", "一二三四五六七八九十一二三四五六七八",
                      "一二三四五六七八九十一二三四五六七八", "一二三四五六七八九十一二三四五六七八", "完。"])
    assert full_width(lines_of(text)) == 18


# ---------------------------------------------------------------- paragraphs and structure


def test_paragraphs_headings_and_run_in_leads():
    text = "\n".join([
        "二、2024 年工作总体思路和目标任",  # a heading wrapped onto a second line
        "务",
        "总体要求是：坚持以习近平新时代中国特",
        "色社会主义思想为指导，全面贯彻落实。",
        "一是聚力打造全国一流化工产业基地。紧",  # run-in lead: stays in its paragraph
        "盯吉化转型升级项目建设时序，落实专班服",
        "务。",
        "工业经济展现韧性。加速释放百亿级企",
        "业优质产能，中油吉化炼量达到 925 万吨。",
    ])
    for line in (lines := lines_of(text)):
        line.column_width = 18
    blocks = build_blocks(lines, 18)
    assert [(b.kind, b.text) for b in blocks] == [
        ("heading", "二、2024年工作总体思路和目标任务"),
        ("paragraph", "总体要求是：坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻落实。"),
        ("paragraph", "一是聚力打造全国一流化工产业基地。紧盯吉化转型升级项目建设时序，落实专班服务。"),
        ("paragraph", "工业经济展现韧性。加速释放百亿级企业优质产能，中油吉化炼量达到925万吨。"),
    ]


def test_article_title_block_and_heading_levels():
    text = "\n".join([
        "关于印发工作规则的通知",
        "吉政办发〔2024〕3 号",
        "第一章 总则",
        "第一条 为规范工作，制定本规则。",
        "（一）组织",
        "第二条 本规则适用于全市。",
    ])
    article = build_article(lines_of(text), TocEntry("关于印发工作规则的通知", "市政府文件", 7), 18)
    assert article.title == "关于印发工作规则的通知" and article.start_page == 7
    assert article.doc_number == "吉政办发〔2024〕3号"
    assert [(b.kind, b.level, b.text) for b in article.blocks] == [
        ("doc_number", None, "吉政办发〔2024〕3号"),
        ("heading", 1, "第一章总则"),
        ("paragraph", None, "第一条为规范工作，制定本规则。"),
        ("heading", 2, "（一）组织"),
        ("paragraph", None, "第二条本规则适用于全市。"),
    ]


def test_continuity_model_knows_joins_from_words_and_the_text_itself():
    model = ContinuityModel(["培育高新技术企业知心人", "清洁低碳安全高效"])
    assert model.join_score("培育高新技术企", "业108户") > 0  # 企业: a dictionary word across the join
    assert model.join_score("选派2658名“企", "业知心人”") > model.join_score("选派2658名“企", "林市建设")
    assert model.join_score("常态化开展", "碳安全高效") == 0


def test_a_short_column_printed_twice_is_a_copy_when_both_follow_the_same_page_furniture():
    # A page holding one short line (the tail of a paragraph), printed twice; its neighbours differ
    # (the copy came out in another sheet order), but both copies open page 7.
    text = "\n".join([
        "第一栏的正文内容，各行都不相同，到这里是", "难群体代缴养老保险费，为低保和分散供养特困",
        "- 7 -", "江城市人民政府公报", "家庭发放供热补贴。",
        "- 8 -", "江城市人民政府公报", "第八页的文字从这里开始，各行都不相同",
        "- 6 -", "江城市人民政府公报", "第六页的文字从这里开始，各行也不相同",
        "- 7 -", "江城市人民政府公报", "家庭发放供热补贴。",
        "- 9 -", "江城市人民政府公报", "第九页的文字从这里开始，与别页不同",
    ])
    lines = lines_of(text)
    furniture = {line.index: line.key for line in lines if line.text.startswith("-") or line.text.startswith("江城市")}
    columns = [[line] for line in lines if line.index not in furniture]
    columns = [columns[0] + columns[1]] + columns[2:]
    contexts = page_contexts(columns, furniture)
    assert contexts[1] == contexts[4] == ("-7-", "江城市人民政府公报")
    assert contexts[2] != contexts[1]
    kept, duplicates = drop_duplicate_columns(columns, contexts=contexts)
    assert [line.index for line in duplicates] == [13]  # the second copy of page 7
    # Without the page evidence a line this short is not called a copy (it could recur by chance).
    kept, duplicates = drop_duplicate_columns(columns)
    assert duplicates == []


def test_a_page_context_seen_more_than_twice_proves_nothing():
    # Running heads with no page numbers: every page looks alike, so equal short lines stay.
    text = "\n".join(["江城市人民政府公报", "完成任务。", "江城市人民政府公报", "正文各不相同的一行文字",
                      "江城市人民政府公报", "完成任务。"])
    lines = lines_of(text)
    furniture = {line.index: line.key for line in lines if line.text.startswith("江城市")}
    columns = [[line] for line in lines if line.index not in furniture]
    kept, duplicates = drop_duplicate_columns(columns, contexts=page_contexts(columns, furniture))
    assert duplicates == []


def test_a_title_the_contents_list_twice_is_two_documents_unless_the_page_shows_a_copy():
    from collections import Counter

    title = "关于做好防汛工作的通知"
    text = "\n".join(["- 1 -", title, "第一份通知的正文，写明防汛的要求。", "- 9 -", title, "第二份通知的正文，另有不同的内容。",
                      "- 1 -", title, "第一份通知的正文，写明防汛的要求。"])
    lines = lines_of(text)
    furniture = {line.index: line.key for line in lines if line.text.startswith("-")}
    columns = [[line] for line in lines if line.index not in furniture]
    contexts = page_contexts(columns, furniture)
    # Listed twice: the one on page 9 is the second document; the third print is page 1's copy.
    kept, duplicates = drop_duplicate_columns(columns, Counter({lines[1].key: 2}), contexts)
    assert sorted(line.index for line in duplicates) == [7, 8]
    # Listed once: every later print of the title is a copy.
    kept, duplicates = drop_duplicate_columns(columns, Counter({lines[1].key: 1}), contexts)
    assert sorted(line.index for line in duplicates) == [4, 7, 8]


def test_a_word_across_the_join_counts_in_traditional_script_too():
    # jieba's dictionary is simplified: 應急 (应急) and 防災 (防灾) are words across the join
    model = ContinuityModel([])
    assert model.join_score("提高應", "急能力") == model.join_score("提高应", "急能力") > 0
    assert model.join_score("做好防", "災減災") > 0
    assert model.join_score("提高應", "災減災") == 0


def test_in_a_body_printed_twice_a_short_column_found_exactly_twice_is_a_copy():
    # Long columns each printed twice (the body doubled, the copy in another order), and a
    # one-line column 「建设。」 found twice with nothing else to match: no furniture, other neighbours.
    long_columns = [f"第{n}栏的正文内容，各行都不相同，写满了一整行" for n in range(1, 5)]
    first = [long_columns[0], long_columns[1], "建设。", long_columns[2], long_columns[3]]
    second = [long_columns[3], long_columns[1], long_columns[2], "建设。", long_columns[0]]
    columns = [[line] for line in lines_of("\n".join(first + second))]
    kept, duplicates = drop_duplicate_columns(columns)
    assert [line.text for line in duplicates].count("建设。") == 1
    assert sorted(line.text for column in kept for line in column) == sorted(first)
    # Printed once (no long column found twice), the same short line twice is text twice.
    columns = [[line] for line in lines_of("\n".join(long_columns[:2] + ["建设。"] + long_columns[2:] + ["建设。"]))]
    kept, duplicates = drop_duplicate_columns(columns)
    assert duplicates == []

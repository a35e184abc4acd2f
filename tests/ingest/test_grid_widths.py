"""Column widths in `pdftotext -layout` text (bulletin.ingest.grid_text.measure_grid_widths)."""
from bulletin.ingest.layout import JUSTIFIED
from bulletin.ingest.text_layout import read_text_layout


def test_a_page_of_one_column_measures_from_its_lines_at_the_margin():
    # A two-column layout's page with text in its left column only: the head, the title across
    # both columns, the 文号 set to the right edge of the page and the page number reach far
    # past the column (22 em); the body lines set at the margin tell its width.
    body = ["  2006年，全市市场建设和管理工作在市委、市", "政府的领导下，以郑汴一体化快速发展为契机，按",
            "照市政府关于加强我市市场建设和管理的意见要求", "经过各区政府、开发区管委会及市场建设和管理联",
            "席办公会议成员单位的共同努力和辛勤工作，在完", "善市场基础设施，健全市场管理制度，方便群众生",
            "产生活和提升城市品位等方面做出了积极贡献，取", "得了明显成效。根据年初对城区市场建设目标任务",
            "检查、验收情况，为激励先进，市政府决定对禹王", "台区人民政府、龙亭区人民政府、顺河回族区人民",
            "政府、市建委、市城市管理局及市工商局等6个先", "进单位予以表彰。"]
    page = ["                     开封市人民政府公报", "",
            "开封市人民政府关于表彰2006年度市区市场建设和管理工作", "         先进单位的通报",
            "                   （汴政〔2007〕26号）", "", "各区人民政府、市人民政府各部门："] + body + [
            "", "", "                                   -3-"]
    layout = read_text_layout("\n".join(page))
    lines = {line.text: line for line in layout.lines}
    second = lines["政府的领导下，以郑汴一体化快速发展为契机，按"]
    assert abs(second.column_width - 22) <= 1
    assert second.align == JUSTIFIED  # a full line of the paragraph, not one stopping short
    assert lines["进单位予以表彰。"].right_gap > 10  # the paragraph's last line stops short


def test_a_line_whose_digits_run_into_the_gutter_stays_in_its_column():
    # Digits take a grid cell each although they are half as wide: the left column's line with
    # "70.7%" and "2003" reaches into the gutter, with nothing beyond it; it is no title across
    # the columns and is read with its column, before the right column.
    left = ["务院召开城市供水节水和水污染防治工作会议以", "来，各地在城市节水和污水处理等方面做了大量工",
            "作。近5年来，全国城市平均年节水量约35亿立方", "米，重复利用率提高到70.7%，其中工业用水重复",
            "利用率达到80.9%。2003年全国城市污水处理率达", "到42%。目前城市节水存在的主要问题是，部分地",
            "区缺乏水资源的忧患意识，对节水和污水再生利用", "重视不够，水价改革不到位，污水再生利用设施建"]
    right = ["一、加强领导，落实节水和污水处理工作责任制。", "各地要把城市节水和污水处理工作列入议事日程，",
             "明确责任，加强协调，形成合力，抓出成效。各级", "发展改革部门要会同有关部门制定规划和政策，",
             "二、加大投入，加快城市污水处理设施建设步伐。", "要多渠道筹集资金，加快污水处理厂和管网建设，",
             "提高城市污水处理能力和污水处理厂运行负荷率。", "三、推进水价改革，建立节水和治污的激励机制。"]
    rows = []
    for a, b in zip(left, right):
        pad = 26 if a.startswith("利用率") else 28  # pdftotext pads to the right column's cell
        rows.append(a + " " * max(1, pad - len(a) + 4) + b if not a.startswith("利用率") else a)
    layout = read_text_layout("\n".join(rows))
    texts = [line.text for line in layout.lines]
    line = next(line for line in layout.lines if line.text.startswith("利用率"))
    assert line.column == 0
    assert texts.index(line.text) < texts.index(right[0])  # read with the left column


def test_a_first_line_that_nearly_fills_the_column_is_not_centred():
    from bulletin.ingest.layout import CENTER, LEFT

    # "第一条 根据…" indented 2 em, its space and the last character's room leave 2 em at the
    # right: on the grid it looks centred; the full line after it shows a paragraph.
    body = ["        第一章 总 则", "  第一条 根据《村庄和集镇规划建设管理条",
            "例》（以下简称《条例》），结合自治区实际，制", "定本实施办法。",
            "  第二条 自治区内制定和实施村庄、集镇规",
            "划，在村庄、集镇规划区内进行居民住宅、苏木乡", "镇和嘎查村企业、苏木乡镇和嘎查村公共设施及公",
            "益事业等建设活动，必须遵守本实施办法。但是，", "国家征用集体所有土地进行的建设除外。",
            "  第三条 村庄、集镇规划的编制和实施，应当", "坚持合理布局、节约用地的原则，因地制宜，统筹",
            "兼顾，综合部署村庄和集镇的各项建设。", "              -2-"]
    layout = read_text_layout("\n".join(body))
    lines = {line.text: line for line in layout.lines}
    assert lines["第一条 根据《村庄和集镇规划建设管理条"].align == LEFT
    assert lines["第二条 自治区内制定和实施村庄、集镇规"].align == LEFT
    assert lines["第一章 总 则"].align == CENTER


def test_a_clause_whose_first_line_the_grid_left_short_runs_on_into_its_full_next_line():
    from bulletin.ingest.blocks import classify, group_lines

    body = ["   内蒙古自治区村庄和集镇规划", "      建设管理实施办法", "", "        第一章 总 则",
            "  第一条 根据《村庄和集镇规划建设管理条",
            "例》（以下简称《条例》），结合自治区实际，制", "定本实施办法。",
            "  第二条 自治区内制定和实施村庄、集镇规",
            "划，在村庄、集镇规划区内进行居民住宅、苏木乡", "镇和嘎查村企业、苏木乡镇和嘎查村公共设施及公",
            "益事业等建设活动，必须遵守本实施办法。但是，", "国家征用集体所有土地进行的建设除外。",
            "  第三条 村庄、集镇规划的编制和实施，应当", "坚持合理布局、节约用地的原则，因地制宜，统筹",
            "兼顾，综合部署村庄和集镇的各项建设。", "  一、总体要求", "  各地要加强领导，明确责任，抓好落实。",
            "              二○一三年一月二十四日"]
    layout = read_text_layout("\n".join(body))
    assert layout.kind == "layout-text"
    blocks = classify(group_lines(layout.lines, layout.kind), layout.kind)
    texts = [(b.kind, b.text) for b in blocks]
    assert ("paragraph", "第一条 根据《村庄和集镇规划建设管理条例》（以下简称《条例》），结合自治区实际，制定本实施办法。") in texts
    assert ("heading", "一、总体要求") in texts  # an indented paragraph follows it


def test_a_list_hung_under_its_label_is_set_from_the_left():
    from bulletin.ingest.layout import LEFT

    page = ["  为加强领导，明确责任，全面做好今年防汛抗旱工", "作，根据《中华人民共和国防洪法》和《中华人民",
            "共和国抗旱条例》等有关规定，现将全市市、县两", "级防汛抗旱行政责任人名单，城市（城镇）、中型",
            "水库防汛抗旱行政责任人名单予以通报。各级防汛", "抗旱行政责任人要切实履行职责，确保安全度汛。",
            "  各县市区如遇行政责任人调整，请及时明确新",
            "的防汛抗旱责任人，并报市应安委办备案。", "",
            "      附件：1.2025年娄底市防汛抗旱行政责任人名", "         单",
            "         2.2025年娄底市县市区防汛抗旱行政责", "         任人名单",
            "         3.2025年娄底市城市（城镇）防汛抗旱", "         行政责任人名单", "",
            "                      娄底市人民政府", "                      2025年5月6日"]
    layout = read_text_layout("\n".join(page))
    lines = {line.text: line for line in layout.lines}
    assert lines["2.2025年娄底市县市区防汛抗旱行政责"].align == LEFT
    assert lines["任人名单"].align == LEFT


DECREE = ["               中华人民共和国主席令", "                          第三号", "",
          "  根据中华人民共和国第十届全国人民代表大会", "常务委员会第二次会议于2003年4月26日的决定：",
          "  免去张文康的卫生部部长职务；", "  任命吴仪（女）为卫生部部长（兼）。", "",
          "      中华人民共和国主席 胡锦涛", "            2003年4月26日"]


def test_on_a_page_of_short_paragraphs_the_running_line_shows_the_margin():
    # Three of the four body lines are first lines, indented 2 em; the one line that carries a
    # sentence on ("常务委员会…的决定：") begins 2 cells left of them, at the margin.
    lines = {line.text: line for line in read_text_layout("\n".join(DECREE)).lines}
    assert lines["根据中华人民共和国第十届全国人民代表大会"].indent == 2
    assert lines["常务委员会第二次会议于2003年4月26日的决定："].indent == 0
    assert lines["免去张文康的卫生部部长职务；"].indent == 2


def test_a_short_page_in_a_two_column_bulletin_takes_the_first_column_width():
    from bulletin.ingest.blocks import classify, group_lines

    # Page 1: two columns of 22 em with a gutter of 6 cells; page 2 holds a short decree in the
    # left column only: too few lines to measure, all of them within the 22-em column.
    left = "各地要把城市节水和污水处理工作列入议事日程，"
    right = "明确责任，加强协调，形成合力，抓出成效。各级"
    assert len(left) == len(right) == 22
    page1 = [left + " " * 6 + right for _ in range(14)]
    layout = read_text_layout("\n".join(page1) + "\f" + "\n".join(DECREE))
    decree = [line for line in layout.lines if line.page == 2]
    assert all(abs(line.column_width - 22) <= 1 for line in decree)
    blocks = [(b.kind, b.text) for b in classify(group_lines(decree[2:], layout.kind), layout.kind)]
    assert blocks[0] == ("paragraph", "根据中华人民共和国第十届全国人民代表大会常务委员会第二次会议于2003年4月26日的决定：")


def test_a_first_line_with_a_pause_that_looks_centred_opens_its_short_paragraph():
    from bulletin.ingest.layout import LEFT

    # "第四条 村庄、集镇规划由乡级人民政府" (2 em in, 2.75 em short of the 22-em column) looks
    # centred on the grid; its pause (、) says running text, and the next line goes on at the margin.
    body = ["        第一章 总 则", "  第三条 村庄、集镇规划的编制和实施，应当", "坚持合理布局、节约用地的原则，因地制宜，统筹",
            "兼顾，综合部署村庄和集镇的各项建设。各级人民", "政府应当加强领导，明确责任，抓好落实，统筹推",
            "进本地区的村庄和集镇规划建设管理工作。", "  第四条 村庄、集镇规划由乡级人民政府",
            "编制，报县级人民政府审批。", "  第五条 村庄、集镇规划的编制，应当以县域规划",
            "为依据，与土地利用总体规划相衔接，统筹安排各", "类建设用地。",
            "              -2-"]
    layout = read_text_layout("\n".join(body))
    assert layout.kind == "layout-text"
    lines = {line.text: line for line in layout.lines}
    assert lines["第四条 村庄、集镇规划由乡级人民政府"].align == LEFT


def test_long_lines_tails_and_a_right_set_date_make_no_gutter():
    # One column of 41 cells: lines with digits run longer on the grid (a digit takes a cell),
    # and the date is set to the right. Below the full lines' ends there is a strip that few rows
    # cross, with text right of it; but the long lines run into it without a gap: they begin
    # nothing there, and the date alone is no column.
    page = ["           珠海市人民政府公报", "             2012年第8期 总第301期 2012年8月10日出版", "", "",
            "佛山市高明區人民政府辦公室關于修訂《佛山市高明區", "     突發地質災害應急預案》的通知", "",
            "各鎮政府、街道辦，西江新城管委會，區政府有關部門、直屬有關單位：",
            "  《佛山市高明區突發地質災害應急預案》業經修訂并經區人民政府同意，現印發給你們，",
            "請認真貫徹執行。執行中遇到的問題，請徑向區國土城建水務局（國土）反映。", "",
            "                                佛山市高明區人民政府辦公室",
            "                                            2015年10月15日", "",
            "          佛山市高明區突發地質災害應急預案", "",
            "  1.特大型：因災死亡30人（含）以上或因災造成直接經濟損失1000萬元以上的地質災害災",
            "情；受威脅人數在1000人以上或潛在可能造成的經濟損失在1億元以上的地質災害險情。",
            "  2.大型：因災死亡10人（含）以上30人以下或因災造成直接經濟損失500萬元以上1000萬元",
            "以下的地質災害災情；受威脅人數在100人以上1000人以下或潛在可能造成的經濟損失在5000",
            "萬元以上1億元以下的地質災害險情。建立健全我區應對突發地質災害的應急體系和運行機制，",
            "提高應急能力，迅速、有序、高效地處置好轄區內的突發地質災害，做好防災減災和搶險救災",
            "工作，避免或最大限度減輕地質災害造成的損失，保障人民群眾生命財產安全，維護社會穩定。"]
    prose = ("依據國務院《地質災害防治條例》、《廣東省地質環境管理條例》、《廣東省突發地質災害應急預案》、"
             "《佛山市突發地質災害應急預案》、《佛山市高明區突發公共事件總體應急預案》及有關規定，結合我區實"
             "際，制定本預案。本預案適用于本區行政區域范圍內發生的突發地質災害應急工作。地質災害按照災情或險"
             "情分為特大型、大型、中型、小型四個等級，分級響應，各有關部門按照職責分工做好應急處置工作。")
    page += [(prose * 3)[k:k + 41] for k in range(0, 41 * 12, 41)]  # full lines of 41 cells
    page += ["", "", "                                                          第1页"]
    layout = read_text_layout("\n".join(page))
    assert layout.kind == "layout-text"
    assert all(line.column_count == 1 for line in layout.lines)
    texts = [line.text for line in layout.lines]
    assert texts.index("2015年10月15日") < texts.index("佛山市高明區突發地質災害應急預案")


def test_an_indented_first_line_whose_digits_run_into_the_gutter_stays_in_its_column():
    # As above, but the line is a paragraph's first line, 4 cells in: its digits (2000) carry it
    # into the gutter with nothing beyond it. It stays in the left column; the band is not cut.
    left = ["务院召开城市供水节水和水污染防治工作会议以", "来，各地在城市节水和污水处理等方面做了大量工",
            "作，取得了明显成效，城市节水工作不断加强。", "    二、城市节水和污水再生利用情况。2000年国",
            "务院召开城市供水节水和水污染防治工作会议以来", "各地在城市节水和污水处理等方面做了大量工作，",
            "近5年来，全国城市平均年节水量约35亿立方米。", "重视不够，水价改革不到位，污水再生利用设施建"]
    right = ["一、加强领导，落实节水和污水处理工作责任制。", "各地要把城市节水和污水处理工作列入议事日程，",
             "明确责任，加强协调，形成合力，抓出成效。各级", "", "发展改革部门要会同有关部门制定规划和政策，",
             "二、加大投入，加快城市污水处理设施建设步伐。", "要多渠道筹集资金，加快污水处理厂和管网建设，",
             "提高城市污水处理能力和污水处理厂运行负荷率。"]
    rows = [a if not b else a + " " * max(2, 30 - len(a)) + b for a, b in zip(left, right)]
    assert rows[3] == left[3]  # nothing beside the long line
    layout = read_text_layout("\n".join(rows))
    texts = [line.text for line in layout.lines]
    line = next(line for line in layout.lines if line.text.startswith("二、城市节水"))
    assert line.column == 0
    assert texts.index(left[-1]) < texts.index(right[0])  # the left column read whole first


def test_a_first_line_that_leaves_a_book_title_open_opens_its_paragraph():
    from bulletin.ingest.layout import LEFT

    # "你省《关于…马鬃山村" (2 cells in, 20 em) looks centred in a column the lines below measure
    # at 23.5 em; the 《 it leaves open says its words go on below, at the margin.
    text = ("地质险情有关问题的请示收悉根据国务院领导同志批示国土资源部两次组成专家组赴你省巴东县官渡口镇马鬃山村"
            "地质险情现场进行了调查经国务院领导同志同意现将国土资源部及专家组的有关意见转复你省建议你省按照专家组")
    body = ["        第一章 总 则", "湖北省人民政府：", "  你省《关于恳请解决巴东县官渡口镇马鬃山村"]
    # the paragraph's next line stops 2 em short (not a full line); the column's other lines are full
    body += [text[:21] + "15"] + [text[k:k + 23] + "15" for k in range(21, 21 + 23 * 3, 23)]
    body += ["关意见转复你省。", "              -2-"]
    layout = read_text_layout("\n".join(body))
    assert layout.kind == "layout-text"
    lines = {line.text: line for line in layout.lines}
    first = lines["你省《关于恳请解决巴东县官渡口镇马鬃山村"]
    assert 1 < first.right_gap < 3  # short of the measured column by about its indent
    assert first.align == LEFT



def test_a_short_line_inside_a_paragraph_of_layout_text_is_no_heading():
    """b06-twocol.layout.txt: in the left column of page 2, 掌握其长期动态变化及与三峡水库水位变化的关
    (no punctuation) measures a little short of the column (the grid gives digits whole cells, so
    lines with digits make the column measure wide). A line of a heading's shape ends its block
    only where it began one (or ends a list's item): inside a paragraph it is that paragraph's
    words. The paragraph as 34's markup has it."""
    from pathlib import Path

    from bulletin.ingest.pipeline import parse_text
    from tests.corpus.build import corpus_file
    from tests.corpus.markup import read_markup

    text = (Path(__file__).resolve().parents[1] / "corpus" / "inputs" / "b06-twocol.layout.txt").read_text(encoding="utf-8")
    markup = read_markup(corpus_file(34))
    (article,) = [a for a in parse_text(text).articles if a.title == markup["title"]]
    expected = next(b["text"] for b in markup["blocks"] if b["text"].startswith("你省"))
    assert expected in [b.text for b in article.blocks]


def test_a_paragraphs_first_line_left_short_of_the_edge_runs_on_into_the_sentences_end_below():
    # 29-yuan-gaoming-2015 in a booklet: the first line of 本預案適用于… is indented 2 cells and
    # ends 1 cell short of the column (the grid squeezes it), so it looks centred; it has no
    # punctuation, but the line below it, from the margin, ends the sentence: one paragraph.
    from bulletin.ingest.blocks import classify, group_lines

    page = ["           珠海市人民政府公报 2012·8", "", "",
            "定，結合我區實際，制定本預案。", "",
            "  （三）適用范圍。",
            "  本預案適用于本區行政區域范圍內發生的突發地質災害應急工",
            "作。", "",
            "  （四）地質災害分級。",
            "  地質災害按照災情或險情分為特大型、大型、中型、小型四個等",
            "級：",
            "  1.特大型：因災死亡30人（含）以上或因災造成直接經濟損失",
            "1000萬元以上的地質災害災情；受威脅人數在1000人以上或潛在可能",
            "造成的經濟損失在1億元以上的地質災害險情。",
            "  2.大型：因災死亡10人（含）以上30人以下或因災造成直接經濟",
            "損失500萬元以上1000萬元以下的地質災害災情；受威脅人數在100人",
            "以上1000人以下或潛在可能造成的經濟損失在5000萬元以上1億元以下",
            "的地質災害險情。", "", "", "                 -2-"]
    layout = read_text_layout("\n".join("    " + row if row else row for row in page))  # the page's margin
    assert layout.kind == "layout-text"
    blocks = classify(group_lines(layout.lines, layout.kind), layout.kind)
    texts = [(b.kind, b.text) for b in blocks]
    assert ("paragraph", "本預案適用于本區行政區域范圍內發生的突發地質災害應急工作。") in texts
    assert ("heading", "（四）地質災害分級。") in texts


def test_right_set_lines_do_not_stretch_the_pooled_column_width():
    from bulletin.ingest.grid_text import measure_grid_widths
    from bulletin.ingest.layout import PageLine

    # Page 1: full lines of 30 em from the margin, and signatures, dates and page numbers set to
    # the right, whose grid positions overshoot the column. Page 2: too few lines to measure
    # itself; its full line must come out full, not short.
    prose = [PageLine(text="文" * 30, page=1, indent=0.0) for _ in range(20)]
    right = [PageLine(text="行政長官 何厚鏵", page=1, indent=float(22 + k)) for k in range(10)]
    short = [PageLine(text="文" * 30, page=2, indent=0.0), PageLine(text="文" * 8, page=2, indent=0.0)]
    lines = prose + right + short
    extents = [30.0] * 20 + [33.0 + k / 5 for k in range(10)] + [30.0, 8.0]
    measure_grid_widths(lines, extents, {})
    assert abs(short[0].column_width - 30) <= 0.5 and short[0].right_gap <= 0.5


def test_a_short_page_in_the_first_columns_width_despite_its_centred_title():
    from bulletin.ingest.grid_text import measure_grid_widths
    from bulletin.ingest.layout import PageLine

    # A two-column bulletin (columns of 22 em) with a contents page of one wide column (26 em);
    # page 2 prints a short document in one column of the first column's width, its title
    # centred and wider than that column. The lines set from the margin end within the first
    # column's width: that is the page's column, not the contents page's.
    two = [PageLine(text="文" * 22, page=1, column=col, column_count=2, indent=0.0) for col in (0, 1) for _ in range(15)]
    contents = [PageLine(text="文" * 26, page=3, indent=0.0) for _ in range(11)]
    title = PageLine(text="国务院关于同意福建省设立泉州市泉港区的批复", page=2, indent=6.0)
    body = [PageLine(text="文" * 22, page=2, indent=0.0), PageLine(text="文" * 21, page=2, indent=0.0),
            PageLine(text="文" * 10, page=2, indent=0.0)]
    lines = two + contents + [title] + body
    extents = [22.0] * 30 + [26.0] * 11 + [27.0, 22.0, 21.5, 10.0]
    measure_grid_widths(lines, extents, {})
    assert body[0].column_width == 22.0 and body[0].right_gap == 0.0

"""Paragraph boundaries in hard-wrapped plain text (bulletin.ingest.blocks on text lines)."""
from bulletin.ingest.blocks import classify, group_lines
from bulletin.ingest.text_layout import read_text_layout


def test_a_first_line_short_by_its_indent_and_a_bracketed_group_that_did_not_fit():
    # Wrapped at 18 em. "本公告在…乡、镇" lost its 2-em indent and stops 2 em further short:
    # "（街）", 3 em, did not fit. It opens a paragraph; it does not end one.
    lines = ["为切实做好全市征收土地工作，根据《中", "华人民共和国土地管理法》和有关法律法", "规的规定，经市人民政府研究决定，现将",
             "有关事项公告如下，凡在拟征收土地范围", "内抢栽、抢种、抢建，一律不予补偿。",
             "本公告在征收土地涉及的乡、镇", "（街）和村集体经济组织所在地予以张", "贴，村集体经济组织应及时将本公告内容",
             "通知被征地的单位和个人。", "特此公告"]
    layout = read_text_layout("\n".join(lines))
    texts = [b.text for b in classify(group_lines(layout.lines, layout.kind), layout.kind)]
    assert "本公告在征收土地涉及的乡、镇（街）和村集体经济组织所在地予以张贴，村集体经济组织应及时将本公告内容通知被征地的单位和个人。" in texts
    assert texts[0].endswith("凡在拟征收土地范围内抢栽、抢种、抢建，一律不予补偿。")


def test_what_a_line_cannot_be_broken_inside_at_its_start():
    from bulletin.ingest.lines import first_unit as _first_unit

    assert _first_unit("（街）和村集体") == "（街）"
    assert _first_unit("2006年度第一次") == "2006"
    assert _first_unit("贴，村集体经济组织") == "贴，"
    assert _first_unit("和村集体") == "和"
    assert _first_unit("（以下简称《条例》）的规定") == "（"  # a long bracket may break inside


def _blocks_without(lines: list[str], furniture: set[str]):
    layout = read_text_layout("\n".join(lines))
    body = [line for line in layout.lines if line.text not in furniture]  # as the recogniser drops it
    return [(b.kind, b.text) for b in classify(group_lines(body, layout.kind), layout.kind)]


def test_the_blank_lines_around_a_page_number_between_two_columns_end_no_paragraph():
    full = ["党委（党组）发挥领导作用，把方向、管大局、保落实，", "依照规定研究讨论涉及内容导向管理的重大事项及公",
            "司运营与发展的重大决策、重要人事任免、重大项目安", "排、大额度资金使用等事项，并作为董事会、经理"]
    rest = ["层决策的前置程序。建立健全决策合法性审查机制，充", "分发挥法律顾问、公司律师的作用，促进依法经营。"]
    blocks = _blocks_without(full + ["", "-2-", ""] + rest, {"-2-"})
    assert ("paragraph", "".join(full + rest)) in blocks
    # A numbered heading below the page number still begins its own block.
    blocks = _blocks_without(full + ["", "-2-", "", "二、地质险情成因分析"] + rest, {"-2-"})
    assert ("heading", "二、地质险情成因分析") in blocks


REGULATION = ["内蒙古自治区人民政府令", "第82号", "《内蒙古自治区村庄和集镇规划建设管理实施",
              "办法》已经自治区人民政府1997年第六次常务会议", "通过，现予发布施行。", "自治区主席 乌力吉", "1997年7月23日",
              "内蒙古自治区村庄和集镇规划建设管理实施办法", "第一章 总 则",
              "第一条 根据《村庄和集镇规划建设管理条", "例》（以下简称《条例》），结合自治区实际，制",
              "定本实施办法。", "第二条 自治区内制定和实施村庄、集镇规",
              "划，在村庄、集镇规划区内进行居民住宅、苏木乡", "镇和嘎查村企业、苏木乡镇和嘎查村公共设施及公",
              "益事业等建设活动，必须遵守本实施办法。"]


def test_a_chapter_heading_stands_on_its_own_line_and_a_documents_name_is_no_signature():
    layout = read_text_layout("\n\n".join(REGULATION))  # double-spaced: blank lines say nothing
    blocks = [(b.kind, b.text) for b in classify(group_lines(layout.lines, layout.kind), layout.kind)]
    assert ("heading", "第一章 总 则") in blocks
    assert ("signature", "自治区主席 乌力吉") in blocks
    assert ("signature", "内蒙古自治区村庄和集镇规划建设管理实施办法") not in blocks


def test_a_title_over_the_first_chapter_opens_a_document():
    from bulletin.ingest.titles import find_titles

    layout = read_text_layout("\n\n".join(REGULATION))
    spans = find_titles(layout, list(range(len(layout.lines))), [])
    assert "内蒙古自治区村庄和集镇规划建设管理实施办法" in [span.text for span in spans]


def test_a_line_short_only_by_the_next_lines_number_is_full():
    # "据三峡…分别为" stops 2 em short after a finished line, but "ML1.8级" (close to 3 em) did
    # not fit: the line is full, no paragraph's first line.
    lines = ["巴东县官渡口镇马鬃山村村民断续感觉地下振动并", "伴有响声，其中震感强烈的有两次。时间分别为十",
             "八日二十时和十九日二十时，两次均有感很强烈。", "据三峡地震台网测定，这两次震动震级分别为",
             "ML1.8级和ML2.5级，仪器测定和宏观调查结果一", "致。专家组四月十四日实地调查了据报最为严重的"]
    layout = read_text_layout("\n".join(lines))
    texts = [b.text for b in classify(group_lines(layout.lines, layout.kind), layout.kind)]
    assert any("有感很强烈。据三峡地震台网测定，这两次震动震级分别为ML1.8级" in t for t in texts)


def test_an_attachment_item_that_fills_its_line_goes_on_until_its_title_ends():
    lines = ["握其长期动态变化及与三峡水库水位", "变化的关系，并据其发展情况确定如", "何进一步采取防治措施，以免可能发",
             "生的塌陷造成人员伤亡和财产损失。", "涉及要求国家安排专项经费问题，可", "另向财政部专题报告。",
             "附件：1.国土资源部关于湖北省", "巴东县官渡口镇马鬃山村地质险情调", "研情况的报告",
             "2.湖北省巴东县官渡口镇马鬃山", "村地质险情调查专家组意见", "国务院办公厅", "二〇〇四年十一月四日"]
    layout = read_text_layout("\n".join(lines))
    blocks = [(b.kind, b.text) for b in classify(group_lines(layout.lines, layout.kind), layout.kind)]
    assert ("attachment", "附件：1.国土资源部关于湖北省巴东县官渡口镇马鬃山村地质险情调研情况的报告") in blocks
    assert ("attachment", "2.湖北省巴东县官渡口镇马鬃山村地质险情调查专家组意见") in blocks
    assert ("signature", "国务院办公厅") in blocks


def test_words_that_close_a_mark_opened_above_are_no_title():
    from bulletin.ingest.anatomy import closes_unopened_mark as _closes_unopened
    from bulletin.ingest.titles import _title_words

    assert _closes_unopened("人民政府关于恳请解决巴东县地质险情有关问题的请示》（鄂政文〔2004〕15号）的批示")
    assert not _title_words("人民政府关于恳请解决巴东县地质险情有关问题的请示》的批示")
    assert not _closes_unopened("临沧市人民政府关于印发《临沧市道路交通安全管理特别规定（试行）》的通知")
    assert _title_words("临沧市人民政府关于印发《临沧市道路交通安全管理特别规定（试行）》的通知")


def test_words_that_leave_a_mark_open_are_no_title_by_themselves():
    from bulletin.ingest.anatomy import leaves_mark_open as _marks_left_open

    assert _marks_left_open("《临沧市道路交通安全管理特别规定")
    assert not _marks_left_open("临沧市人民政府关于印发《临沧市道路交通安全管理特别规定（试行）》的通知")


def test_a_numbered_clause_whose_next_word_did_not_fit_goes_on():
    # "（一）…得到解" lost its 2-em indent and stops one em further short; "决。" needs two:
    # the line is full, the clause goes on (no heading).
    lines = ["以改善环境质量、保障群众健康为目标，下大力气", "遏制污染反弹，为构建社会主义和谐社会而努力奋",
             "斗，取得实效。", "二、工作目标", "（一）群众反复投诉的突出环境问题得到解", "决。",
             "（二）地方政府违反国家环保法律法规的“土政", "策”得到清理，企业违法排污行为得到有效遏制。"]
    layout = read_text_layout("\n".join(lines))
    blocks = [(b.kind, b.text) for b in classify(group_lines(layout.lines, layout.kind), layout.kind)]
    assert ("paragraph", "（一）群众反复投诉的突出环境问题得到解决。") in blocks
    assert ("heading", "二、工作目标") in blocks


def test_words_of_a_broken_sentence_are_no_unnumbered_heading():
    from bulletin.ingest.blocks import heading_of
    from bulletin.ingest.layout import PageLine

    assert heading_of("和地方各级人民政府组织法》第四十四条第九项的", [PageLine(text="x")], "layout-text") is None
    assert heading_of("你省《关于设立泉州市泉港区的请示", [PageLine(text="x")], "layout-text") is None
    assert heading_of("市场建设目标任务", [PageLine(text="x")], "layout-text") is not None


def test_a_line_that_left_no_room_for_the_amount_after_it_goes_on():
    from bulletin.ingest.lines import first_unit

    assert first_unit("$46,294,090.00（澳門幣）") == "$46,294,090.00"
    lines = ["行政長官行使《澳門特別行政區基本法》第五十條賦予的職權，並根據九月二",
             "十七日第53/93/M號法令第十七條及第十八條的規定，作出本批示。",
             "核准終審法院院長辦公室二零零二年財政年度第二補充預算，金額為",
             "$46,294,090.00（澳門幣肆仟陸佰貳拾玖萬肆仟零玖拾圓整），該預算為本批示之組",
             "成部分。", "二零零二年九月六日"]
    layout = read_text_layout("\n".join(lines))
    texts = [b.text for b in classify(group_lines(layout.lines, layout.kind), layout.kind)]
    assert any("金額為$46,294,090.00（澳門幣" in t for t in texts)  # 6 em short, the amount needs 7.7


def test_the_issuer_over_its_date_begins_apart_after_an_attachment_label():
    lines = ["各地各有关部门要进一步增强责任感和紧迫感，坚", "持“保护为主、抢救第一、合理利用、传承发展”",
             "的工作方针，采取切实有效措施，做好非物质文化", "遗产的保护利用工作，做出新的贡献。",
             "附件：第四批资阳市非物质文化遗产名录", "资阳市人民政府", "2018年8月27日"]
    layout = read_text_layout("\n".join(lines))
    blocks = [(b.kind, b.text) for b in classify(group_lines(layout.lines, layout.kind), layout.kind)]
    assert ("attachment", "附件：第四批资阳市非物质文化遗产名录") in blocks
    assert ("signature", "资阳市人民政府") in blocks


def test_a_bracketed_note_wrapped_after_a_full_line_belongs_to_its_paragraph():
    lines = ["推行全程电子化登记，鼓励和帮助企业使用网上登", "记系统，让企业享受到便捷、高效的网上服务。", "（市工商质监局牵头负责）",
             "（2）完善企业登记全程电子化，统一规范登记业务", "操作系统。", "（此件公开发布）"]
    layout = read_text_layout("\n".join(lines))
    texts = [b.text for b in classify(group_lines(layout.lines, layout.kind), layout.kind)]
    assert any(t.endswith("高效的网上服务。（市工商质监局牵头负责）") for t in texts)
    assert "（此件公开发布）" in texts  # after a line that stopped short: a note of its own


def test_a_sentence_runs_on_across_the_blank_line_of_a_column_break():
    # pdftotext ends the left column with a blank line; the clause (四)… fills its line (its first
    # line, short only by the indent it lost) and the next column's first line is full too: one
    # sentence, not a heading and a paragraph.
    left = ["一、加强对地震重点监视防御区的工作领导，抓", "紧地方的防震减灾立法工作。同时，认真贯彻执",
            "行国家现有的法规并制定相应的实施细则，加强执", "法检查和监督。", "（四）进一步加强工程场地地震安全性评价工"]
    right = ["作，在此基础上，加强各类工程建设项目，特别是", "重大工程和重点监视防御区大中城市的抗震设防工",
             "作。各级政府、各有关部门要严格从抗震设防标", "准、抗震设计和施工质量三个环节上把好关，切实", "做好工作。"]
    layout = read_text_layout("\n".join(left + [""] + right))
    blocks = [(b.kind, b.text) for b in classify(group_lines(layout.lines, layout.kind), layout.kind)]
    assert ("paragraph", "".join([left[-1]] + right)) in blocks
    # After a heading that stops clearly short, the blank line still ends a block.
    layout = read_text_layout("\n".join(left[:-1] + ["（四）加强工程场地地震安全性评价", ""] + right))
    blocks = [(b.kind, b.text) for b in classify(group_lines(layout.lines, layout.kind), layout.kind)]
    assert ("paragraph", "".join(right)) in blocks


def test_the_addressee_below_a_doc_number_begins_its_own_block():
    # Hard-wrapped at 17 em: the 文号 stops short, the addressee wraps over two lines; the 文号
    # is a line of its own, never the first words of the addressee.
    lines = ["印发顺德区道路桥梁突发事件应急处置", "预案的通知", "顺府办发〔2010〕85号", "各镇人民政府、街道办事处，区属各",
             "有关单位：", "《顺德区道路桥梁突发事件应急处置", "预案》已经区人民政府同意，现印发给", "你们，请认真贯彻执行。",
             "各镇人民政府要加强组织领导，明确", "责任分工，确保各项应急处置工作落", "到实处，切实维护人民群众安全。"]
    layout = read_text_layout("\n".join(lines))
    blocks = [(b.kind, b.text) for b in classify(group_lines(layout.lines[2:], layout.kind), layout.kind)]
    assert blocks[:2] == [("doc_number", "顺府办发〔2010〕85号"), ("addressee", "各镇人民政府、街道办事处，区属各有关单位：")]


def test_a_column_tail_printed_after_the_next_column_goes_back_before_it():
    # pdftotext (default) printed the left column's last block after the right column: the right
    # column's block begins mid-sentence after a finished one, and the page's last block stops
    # mid-sentence on a full line. Column width 22 em.
    page_1 = ["某市人民政府公报", "", "关于文化体制改革的规定", "（一）经营性文化事业单位转制为企业，要认真",
              "做好资产清查、资产评估、产权登记等基础工作。", "", "-1-"]
    left_top = ["（十三）完善国有文化企业负责人薪酬管理机", "制，国有独资及国有控股公司的负责人收入分配应",
                "与社会效益和经济效益综合评价考核结果挂钩。"]
    right = ["已退休人员中，原享受公费医疗的，在享受基本医", "疗保险待遇的基础上，可以参照国家公务员医疗补", "助办法，实行医疗补助。"]
    left_tail = ["（十五）离休人员的医疗保障继续执行现行办", "法，也可按照所在统筹地区相关规定纳入离休人员",
                 "医药费单独统筹，所需资金按原渠道解决；转制前"]
    page_2 = left_top + [""] + right + [""] + left_tail + ["", "-2-"]
    layout = read_text_layout("\n".join(page_1) + "\f" + "\n".join(page_2))
    texts = [line.text for line in layout.lines if line.page == 2]
    assert texts == left_top + left_tail + right + ["-2-"]
    # a page whose last block ends its sentence shows nothing out of order: left as it came
    finished = page_2[:-5] + ["医药费单独统筹，所需资金按原渠道解决。转制", "后按规定执行，确保平稳过渡，维护职工权益。", "", "-2-"]
    layout = read_text_layout("\n".join(page_1) + "\f" + "\n".join(finished))
    assert [line.text for line in layout.lines if line.page == 2] == [t for t in finished if t]


def test_an_unnumbered_heading_two_characters_short_of_a_first_line_stands_alone():
    # b08-seed.txt (wrapped at 18 em, blank lines between all lines): the heading of 21's report,
    # `## “十一五”经济社会发展回顾` in the markup, stops 5 em short, 3 beyond the indent the next
    # paragraph's first line lost. Full-width characters only: the width is exact, and two more
    # characters would have fitted. It is a heading over its paragraph, not that paragraph's start.
    lines = ["各位代表：", "现在，我代表县人民政府向大会报告工", "作，请予审议，并请政协委员和其他列",
             "席人员提出意见建议。", "“十一五”经济社会发展回顾", "“十一五”时期，全县上下坚持以科学",
             "发展观为指导，在县委的正确领导和县人", "大、县政协的监督支持下，紧紧围绕加快", "发展这一主题。"]
    layout = read_text_layout("\n\n".join(lines))
    blocks = [(b.kind, b.text) for b in classify(group_lines(layout.lines, layout.kind), layout.kind)]
    assert ("heading", "“十一五”经济社会发展回顾") in blocks
    assert ("paragraph", "“十一五”时期，全县上下坚持以科学发展观为指导，在县委的正确领导和县人大、县政协的监督支持下，"
                         "紧紧围绕加快发展这一主题。") in blocks


def test_a_first_line_without_punctuation_measured_with_digits_is_no_heading():
    # digits and spaces make a width an estimate: a first line with them that measures short
    # still runs on into its paragraph
    lines = ["席人员提出意见建议。", "全县2010年地区生产总值达到", "二十六亿元，比上年增长百分之十二点五，",
             "财政收入完成三亿元，增长百分之十五。"]
    layout = read_text_layout("\n\n".join(lines))
    blocks = [(b.kind, b.text) for b in classify(group_lines(layout.lines, layout.kind), layout.kind)]
    assert ("paragraph", "全县2010年地区生产总值达到二十六亿元，比上年增长百分之十二点五，财政收入完成三亿元，增长百分之十五。") in blocks


def test_a_two_column_page_printed_in_bands_is_read_column_by_column():
    # pdftotext (default) read a two-column page in bands down the page, each band's left part
    # first: L1 R1 L2 R2 L3 R3. The right column's first block begins mid-sentence after a
    # finished one, and the left column's last block stops mid-sentence before a numbered
    # heading. Read left column, then right: every join reads on. Column width 22 em.
    page_1 = ["某市人民政府公报", "", "关于做好防灾工作的通知", "各区人民政府，市政府各部门：为做好今年的防灾",
              "工作，现将有关事项通知如下，请认真贯彻落实。", "", "-1-"]
    left_1 = ["按照国务院的部署，各地要认真做好防灾减灾工作", "，落实各项措施，确保人民群众生命财产的安全。"]
    right_1 = ["形成的意见中建议：加强监测，对危房居民及时组", "织搬迁，并做好地震监测和研究工作的各项准备。",
               "现将有关情况报告如下："]
    left_2 = ["附件：有关情况的报告"]
    right_2 = ["一、基本情况", "该村位于长江南岸的岩溶山区，距江边的水平距离", "约七百米，共有十三个村民小组，村民多住坡地。"]
    left_3 = ["某市人民政府", "2004年11月4日", "由于当时对地震方面的汇报及资料较少，专家组在"]
    right_3 = ["二、险情成因分析", "专家组认为：根据现场的调查，地震监测和地质勘"]
    page_2 = (["某市人民政府公报", ""] + left_1 + [""] + right_1 + [""] + left_2 + [""] + right_2 + [""]
              + left_3 + ["", "-2-", ""] + right_3)
    layout = read_text_layout("\n".join(page_1) + "\f" + "\n".join(page_2))
    texts = [line.text for line in layout.lines if line.page == 2]
    assert texts == ["某市人民政府公报"] + left_1 + left_2 + left_3 + right_1 + right_2 + right_3 + ["-2-"]
    # the same page read in order (left column, then right) shows no contradiction: kept as it is
    in_order = (["某市人民政府公报", ""] + left_1 + [""] + left_2 + [""] + left_3 + [""] + right_1 + [""] + right_2
                + [""] + right_3 + ["", "-2-"])
    layout = read_text_layout("\n".join(page_1) + "\f" + "\n".join(in_order))
    assert [line.text for line in layout.lines if line.page == 2] == [t for t in in_order if t]

"""Signature lines in pdftotext's default output (bulletin.ingest.text_layout): two issuers
printed side by side on one line, which the extraction gives as two blocks, against two issuers
stacked one above the other, which it gives as lines of one block."""
from bulletin.ingest.blocks import classify, group_lines
from bulletin.ingest.text_layout import read_text_layout

# Wrapped at 36 em, as pdftotext gives a page: full lines, the paragraph's last line short.
BODY = ["二、要加强对日军遗弃化学武器的调查取证工作，设法查找日军在我国储存化学武",
        "器、部署化学部队等文件资料和战败时处理化学武器的情况，搞清日军遗弃化学武",
        "器的种类、数量等情况。对日军遗弃化学武器造成伤害的人员，要做好调查取证和",
        "医疗救治工作；对造成财产损失和环境污染等情况，也要认真做好调查取证工作。",
        "三、对已发现的日军遗弃的化学武器，其技术处理和有关管理工作由军队各级防化",
        "业务部门负责。对遗弃化学武器的埋藏点和保管点，要采取措施加强管理，完善设",
        "备，确保安全。任何单位和个人如发现遗弃的化学武器，都要立即逐级上报，不得",
        "擅自处理。"]


def _closing(text: str) -> list[tuple[str, str]]:
    layout = read_text_layout(text)
    return [(b.kind, b.text) for b in classify(group_lines(layout.lines, layout.kind), layout.kind)
            if b.kind in ("signature", "date")]


def test_a_name_in_a_block_of_its_own_before_the_date_was_printed_beside_the_first():
    # pdftotext ends a block with a blank line: the right-hand name, a block of one line between
    # the left-hand name and the date, stood on the left-hand name's line.
    text = "\n".join(BODY + ["国务院办公厅", "", "中央军委办公厅", "", "一九九六年六月二十九日", ""])
    assert _closing(text) == [("signature", "国务院办公厅 中央军委办公厅"), ("date", "一九九六年六月二十九日")]


def test_names_stacked_in_one_block_stay_two_signatures():
    text = "\n".join(BODY + ["中共岳阳市委办公室", "岳阳市人民政府办公室", "2017年1月10日", ""])
    assert _closing(text) == [("signature", "中共岳阳市委办公室"), ("signature", "岳阳市人民政府办公室"),
                              ("date", "2017年1月10日")]


def test_double_spaced_text_says_nothing_by_its_blank_lines():
    # Blank lines between all lines: a blank line is no block end, the names stay apart.
    text = "\n\n".join(BODY + ["湖北省巴东县官渡口镇马鬃山村", "地质险情调查专家组", "二〇〇四年九月二十三日"])
    assert _closing(text) == [("signature", "湖北省巴东县官渡口镇马鬃山村"), ("signature", "地质险情调查专家组"),
                              ("date", "二〇〇四年九月二十三日")]


def test_names_too_long_to_share_a_line_of_the_column_stay_apart():
    # The column is 36 em wide; 20 + 1 + 20 em cannot have been one printed line.
    left, right = "湖北省巴东县官渡口镇马鬃山村地质险情调查", "专家组湖北省地质环境总站专家组织委员会办"
    text = "\n".join(BODY + [left, "", right, "", "二〇〇四年九月二十三日", ""])
    assert _closing(text) == [("signature", left), ("signature", right), ("date", "二〇〇四年九月二十三日")]

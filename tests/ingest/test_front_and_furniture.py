import datetime as dt

from bulletin.ingest.frontmatter import read_front_matter
from bulletin.ingest.furniture import find_furniture
from bulletin.ingest.lines import read_lines

COVER = """北京市人民政府公报
(半月刊)
2016 年第 12 期
（总第 456 期)
2016年6月30日出版
目 录
市政府文件
北京市人民政府关于加强水务管理的
决定………………………………………………3
市政府办公厅文件
关于印发工作规则的通知…………………………9
"""


def test_front_matter_of_another_city_and_layout():
    lines = read_lines(COVER + "正文第一段。\n")
    front = read_front_matter(lines)
    assert (front.gazette, front.year, front.issue, front.total_issue) == ("北京市人民政府公报", 2016, 12, 456)
    assert front.published == dt.date(2016, 6, 30)
    assert [(e.title, e.category, e.page) for e in front.toc] == [
        ("北京市人民政府关于加强水务管理的决定", "市政府文件", 3),
        ("关于印发工作规则的通知", "市政府办公厅文件", 9),
    ]
    assert max(front.line_indices) == 10  # the body line is not front matter


def test_furniture_by_form_not_by_list():
    text = "\n".join(
        [
            "杭州市人民政府公报 2019·7",
            "- 3 -",
            "— 12 —",
            "- 17 -- 4 -",
            "杭州市人民政府公报 2019·7 杭州市人民政府公报 2019·7",
            "第 5 页",
            "正文提到杭州市人民政府公报 2019·7的内容。",
            "增长 15%",
            "2",
        ]
    )
    lines = read_lines(text)
    found = find_furniture(lines, "杭州市人民政府公报")
    assert found == {0, 1, 2, 3, 4, 5}


def test_a_short_line_repeated_on_every_page_is_a_running_header():
    body = []
    for page in range(8):
        body += ["市场监督管理局文件汇编", f"第{page}页的正文，内容各不相同，编号{page}。", f"- {page + 1} -"]
    lines = read_lines("\n".join(body))
    headers = {i for i in range(0, 24, 3)}
    page_numbers = {i for i in range(2, 24, 3)}
    assert find_furniture(lines, None) == headers | page_numbers


def test_a_text_line_repeated_verbatim_is_not_a_header():
    body = []
    for page in range(8):
        body += [f"第{page}段正文，内容各不相同，编号{page}。", "坚持稳中求进工作总基调", f"后文第{page}段接着写。"]
    body.append("- 1 -")
    assert find_furniture(read_lines("\n".join(body)), None) == {24}

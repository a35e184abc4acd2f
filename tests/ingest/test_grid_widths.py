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

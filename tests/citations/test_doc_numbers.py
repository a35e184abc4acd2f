"""citations.doc_numbers: every printed form of a 文号 gives one key; prose around it is not part
of the code; things that only look like a 文号 are not one. Keys written out by hand."""
import pytest

from citations.doc_numbers import doc_number_key, find_mentions

FORMS = [
    ("（国办发〔2009〕3号）", "国办发〔2009〕3号"),
    ("鲁政发〔2014〕20号", "鲁政发〔2014〕20号"),
    ("京政办发[2016]26号", "京政办发〔2016〕26号"),
    ("京政办发(2016)26号", "京政办发〔2016〕26号"),
    ("京政办发（2016）26号", "京政办发〔2016〕26号"),
    ("京政办发【2016】26号", "京政办发〔2016〕26号"),
    ("京政办发［２０１６］２６号", "京政办发〔2016〕26号"),
    ("京政办发2016年26号", "京政办发〔2016〕26号"),
    ("京政办发2016年第26号", "京政办发〔2016〕26号"),
    ("京政办发 〔2016〕 26 号", "京政办发〔2016〕26号"),
    ("国发〔2005〕第3号", "国发〔2005〕3号"),
    ("国发〔2005〕03号", "国发〔2005〕3号"),
    ("方征启公告﹝2022﹞4号", "方征启公告〔2022〕4号"),
    ("国函[20O0]31号", "国函〔2000〕31号"),
    ("国函〔2〇〇〇〕31号", "国函〔2000〕31号"),
    ("明府辦〔2015〕144號", "明府办〔2015〕144号"),
    ("闽政[1998]文333号", "闽政文〔1998〕333号"),
]


@pytest.mark.parametrize("printed, key", FORMS)
def test_every_printed_form_has_the_key(printed, key):
    assert doc_number_key(printed) == key
    mentions = find_mentions(f"根据市政府《关于某事的通知》（{printed}）要求")
    assert [m.key for m in mentions] == [key]
    assert mentions[0].text == printed.strip("（）")


@pytest.mark.parametrize("sentence, printed", [
    ("根据鲁政发〔2014〕20号文件精神", "鲁政发〔2014〕20号"),
    ("按照京政办发2016年26号的要求", "京政办发2016年26号"),
    ("国务院和国发〔2005〕3号", "国发〔2005〕3号"),
    ("贯彻国办发〔2009〕3号、国办发〔2010〕4号", "国办发〔2009〕3号"),
])
def test_prose_before_a_code_is_not_part_of_it(sentence, printed):
    assert find_mentions(sentence)[0].text == printed


def test_offsets_point_at_the_printed_text():
    text = "一、依据《办法》（京政办发[2016]26号）和国发〔2005〕第3号，制定本细则。"
    mentions = find_mentions(text)
    assert [text[m.start:m.end] for m in mentions] == ["京政办发[2016]26号", "国发〔2005〕第3号"]
    assert [m.text for m in mentions] == ["京政办发[2016]26号", "国发〔2005〕第3号"]


@pytest.mark.parametrize("text", [
    "乘坐地铁2020年3号线", "〔2016〕26号", "2016年26号", "京政办发〔2016〕", "京政办发〔1066〕26号",
    "京政办发〔2016〕0号", "京政办发〔２٠１６〕26号", "京政办发〔2016〕²号", "第82号", "",
])
def test_not_a_doc_number(text):
    assert find_mentions(text) == []
    assert doc_number_key(text) == ""


def test_a_text_with_more_than_one_number_is_not_one_doc_number():
    assert doc_number_key("国发〔2005〕3号、国发〔2005〕4号") == ""
    assert doc_number_key("国发〔2005〕3号文件") == ""

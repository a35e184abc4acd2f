"""Rows for page tests, created directly with the ORM (no importer): one issue shaped like the
Jilin sample (a foreword, then a report with a two-level heading tree), plus an older year."""
from __future__ import annotations

import datetime

from bulletin.models import Article, Bulletin, Paragraph, Section

GAZETTE = "吉林市人民政府公报"

REPORT_TREE = [
    ("一、", "2023年工作回顾", ["经济运行逆势上扬", "产业结构持续优化", "改革开放纵深推进", "民生福祉不断增进", "政府自身建设全面加强"]),
    ("二、", "2024年工作总体思路和目标任务", []),
    ("三、", "2024年工作安排", ["坚定不移以科技创新推动产业转型升级", "坚定不移扩大有效需求", "坚定不移统筹发展和安全"]),
]
CN_NUMBERS = "一二三四五六七八九十"


def sentence(seed: str, n: int) -> str:
    return (
        f"{seed}第{n}段：全年开复工5000万元以上项目405个，固定资产投资同比增长15.2%，"
        "增速位列全省第一，主要经济指标增速渐次进入全省前列，为全面建设现代化新吉林奠定坚实基础。"
    )


def make_bulletin(*, year=2024, issue=1, total_issue=255, published=datetime.date(2024, 2, 15), gazette=GAZETTE):
    bulletin = Bulletin.objects.create(
        gazette=gazette,
        year=year,
        issue=issue,
        total_issue=total_issue,
        published=published,
        source_sha256=f"{year:04d}{issue:04d}".ljust(64, "0"),
    )
    foreword = Article.objects.create(
        bulletin=bulletin, position=1, title="实干创新担使命 奋勇争先立涛头", category="卷首语", start_page=1
    )
    Paragraph.objects.bulk_create(
        Paragraph(article=foreword, number=n, text=sentence("卷首语", n)) for n in range(1, 9)
    )
    report = Article.objects.create(
        bulletin=bulletin,
        position=2,
        title="政府工作报告",
        category="市政府办公室文件",
        start_page=4,
        subtitle="2024年1月16日在吉林市第十七届人民代表大会第四次会议上",
        speaker="市长 王吉",
    )
    fill_report(report)
    return bulletin


def fill_report(report: Article) -> None:
    """A preamble paragraph, then per heading two paragraphs; 二、 has its own paragraphs, while
    一、 and 三、 go straight into their （一）… children (headings with no paragraph of their own)."""
    position = 0
    number = 0
    paragraphs = []

    def add_paragraphs(section, count, label):
        nonlocal number
        for _ in range(count):
            number += 1
            paragraphs.append(Paragraph(article=report, section=section, number=number, text=sentence(label, number)))

    add_paragraphs(None, 1, "各位代表")
    for top_number, top_title, children in REPORT_TREE:
        position += 1
        top = Section.objects.create(article=report, position=position, level=1, number=top_number, title=top_title)
        if not children:
            add_paragraphs(top, 3, top_title)
        for i, child_title in enumerate(children):
            position += 1
            child = Section.objects.create(
                article=report, parent=top, position=position, level=2, number=f"（{CN_NUMBERS[i]}）", title=child_title
            )
            add_paragraphs(child, 2, child_title)
    Paragraph.objects.bulk_create(paragraphs)

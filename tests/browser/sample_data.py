"""Rows for page tests, created directly with the ORM (no importer): one issue shaped like the
Jilin sample (a foreword, then a report with a two-level heading tree), plus an older year."""
from __future__ import annotations

import datetime

from bulletin.body import enclosing_positions
from bulletin.gazettes import gazette_named
from bulletin.models import Article, Block, Bulletin

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
        gazette=gazette_named(gazette),
        year=year,
        issue=issue,
        total_issue=total_issue,
        published=published,
        source_sha256=f"{year:04d}{issue:04d}".ljust(64, "0"),
    )
    foreword = Article.objects.create(
        bulletin=bulletin, position=1, title="实干创新担使命 奋勇争先立涛头", category="卷首语", start_page=1
    )
    store_blocks(foreword, [("paragraph", sentence("卷首语", n), None, "") for n in range(1, 9)])
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


def store_blocks(article: Article, items: list[tuple[str, str, int | None, str]]) -> None:
    """Blocks (kind, text, level, number) in reading order, enclosing headings derived as the
    importer's storage does."""
    parents = enclosing_positions([(kind, level) for kind, _, level, _ in items])
    Block.objects.bulk_create(
        Block(article=article, position=position, kind=kind, text=text, level=level, number=number, parent=parent)
        for position, ((kind, text, level, number), parent) in enumerate(zip(items, parents), start=1)
    )


def fill_report(report: Article) -> None:
    """The title block (subtitle, speaker), a preamble paragraph, then per heading two paragraphs;
    二、 has its own paragraphs, while 一、 and 三、 go straight into their （一）… children."""
    items = [("subtitle", f"——{report.subtitle}", None, ""), ("speaker", report.speaker, None, "")]
    number = 0

    def add_paragraphs(count, label):
        nonlocal number
        for _ in range(count):
            number += 1
            items.append(("paragraph", sentence(label, number), None, ""))

    add_paragraphs(1, "各位代表")
    for top_number, top_title, children in REPORT_TREE:
        items.append(("heading", f"{top_number}{top_title}", 1, top_number))
        if not children:
            add_paragraphs(3, top_title)
        for i, child_title in enumerate(children):
            child_number = f"（{CN_NUMBERS[i]}）"
            items.append(("heading", f"{child_number}{child_title}", 2, child_number))
            add_paragraphs(2, child_title)
    store_blocks(report, items)

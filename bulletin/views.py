"""Server-rendered browsing pages: home (by year), year, bulletin (its TOC), article (its text).

Every page loads in a fixed, small number of queries whatever the size of the bulletin:
the heading tree and the reading order are assembled in Python from one query each.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from itertools import groupby

from django.db.models import Count
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render

from .models import Article, Bulletin, Paragraph, Section


def _bulletin_list():
    return Bulletin.objects.annotate(article_count=Count("articles")).order_by("-year", "-issue", "gazette")


def _group_by_year(bulletins):
    return [(year, list(items)) for year, items in groupby(bulletins, key=lambda b: b.year)]


def home(request):
    groups = _group_by_year(_bulletin_list())
    return render(
        request,
        "bulletin/home.html",
        {"groups": groups, "years": [year for year, _ in groups]},
    )


def year_view(request, year):
    bulletins = list(_bulletin_list().filter(year=year))
    if not bulletins:
        raise Http404("no bulletin in this year")
    years = list(Bulletin.objects.order_by("-year").values_list("year", flat=True).distinct())
    return render(
        request,
        "bulletin/year.html",
        {"year": year, "bulletins": bulletins, "years": years},
    )


def bulletin_detail(request, pk):
    bulletin = get_object_or_404(Bulletin, pk=pk)
    articles = (
        bulletin.articles.annotate(paragraph_count=Count("paragraphs"))
        .only("id", "bulletin_id", "position", "title", "category", "start_page", "subtitle")
        .order_by("position")
    )
    return render(request, "bulletin/bulletin.html", {"bulletin": bulletin, "articles": list(articles)})


def bulletin_source(request, pk):
    bulletin = get_object_or_404(Bulletin, pk=pk)
    if not bulletin.source_file:
        raise Http404("no source file")
    try:
        handle = bulletin.source_file.open("rb")
    except FileNotFoundError:
        raise Http404("source file missing from storage") from None
    return FileResponse(handle, as_attachment=True, filename=bulletin.source_name or None)


@dataclass
class TocNode:
    section: Section
    children: list[TocNode] = field(default_factory=list)


def build_heading_tree(sections: list[Section]) -> list[TocNode]:
    """Nest sections by their parent link (sections given in position order). A section whose
    parent is unknown is shown at the top level rather than lost."""
    nodes = {s.pk: TocNode(s) for s in sections}
    roots: list[TocNode] = []
    for s in sections:
        parent = nodes.get(s.parent_id) if s.parent_id else None
        (parent.children if parent else roots).append(nodes[s.pk])
    return roots


@dataclass
class Block:
    kind: str  # "heading" | "paragraph"
    item: Section | Paragraph
    heading_tag: str = ""


def reading_order(sections: list[Section], paragraphs: list[Paragraph]) -> list[Block]:
    """Interleave headings and paragraphs: a heading goes just before the first paragraph of its
    own section, or (a heading with no paragraph of its own, like 一、 straight before （一）)
    before the first paragraph of a later section. Paragraphs keep their number order."""
    first_number: dict[int, int] = {}
    for p in paragraphs:
        if p.section_id is not None and p.section_id not in first_number:
            first_number[p.section_id] = p.number
    keyed: list[tuple[tuple, Block]] = []
    following = float("inf")
    for s in reversed(sections):
        following = first_number.get(s.pk, following)
        tag = f"h{min(s.level + 1, 6)}"
        keyed.append(((following, 0, s.position), Block("heading", s, tag)))
    keyed.extend(((p.number, 1, 0), Block("paragraph", p)) for p in paragraphs)
    keyed.sort(key=lambda pair: pair[0])
    return [block for _, block in keyed]


def article_detail(request, pk, position):
    article = get_object_or_404(Article.objects.select_related("bulletin"), bulletin_id=pk, position=position)
    sections = list(article.sections.order_by("position"))
    paragraphs = list(article.paragraphs.only("id", "article_id", "section_id", "number", "text").order_by("number"))
    siblings = list(
        Article.objects.filter(bulletin_id=pk).order_by("position").values_list("position", "title")
    )
    previous = next((s for s in reversed(siblings) if s[0] < article.position), None)
    following = next((s for s in siblings if s[0] > article.position), None)
    return render(
        request,
        "bulletin/article.html",
        {
            "article": article,
            "bulletin": article.bulletin,
            "toc": build_heading_tree(sections),
            "blocks": reading_order(sections, paragraphs),
            "paragraph_count": len(paragraphs),
            "previous": {"position": previous[0], "title": previous[1]} if previous else None,
            "next": {"position": following[0], "title": following[1]} if following else None,
        },
    )

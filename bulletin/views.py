"""Server-rendered browsing pages under permanent addresses:

  /<gazette>/                        a gazette's issues
  /<gazette>/<year>/<issue>/         an issue (its table of contents)
  /<gazette>/<year>/<issue>/<n>/     its n-th article; #p-<k> is the article's k-th block
  /bulletins/<id>/…                  the previous release's addresses, redirected permanently
"""
from __future__ import annotations

from itertools import groupby

from django.http import FileResponse, Http404, HttpResponseBadRequest, HttpResponsePermanentRedirect, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from citations.reading import citations_of, link_mentions

from . import selectors
from .body import table_of_contents
from .reading import citation_prefix, highlight_terms
from .models import Bulletin


def _group_by_year(bulletins):
    return [(year, list(items)) for year, items in groupby(bulletins, key=lambda b: b.year)]


def _years():
    return list(Bulletin.objects.order_by("-year").values_list("year", flat=True).distinct())


def _by_gazette(bulletins):
    """Each gazette (by name) with its latest issue and its years, newest first, from the
    bulletins already read for the page (no further query)."""
    gazettes: dict[int, dict] = {}
    for b in bulletins:  # newest first
        entry = gazettes.setdefault(b.gazette_id, {"gazette": b.gazette, "latest": b, "years": []})
        if b.year not in entry["years"]:
            entry["years"].append(b.year)
    return sorted(gazettes.values(), key=lambda e: e["gazette"].name)


def home(request):
    bulletins = list(selectors.bulletin_list())
    groups = _group_by_year(bulletins)
    return render(request, "bulletin/home.html", {"groups": groups, "years": [year for year, _ in groups],
                                                  "gazettes": _by_gazette(bulletins)})


def year_view(request, year):
    bulletins = list(selectors.bulletin_list().filter(year=year))
    if not bulletins:
        raise Http404("no bulletin in this year")
    return render(request, "bulletin/year.html", {"year": year, "bulletins": bulletins, "years": _years()})


def gazette_view(request, gazette):
    gazette = selectors.gazette_at(gazette)
    groups = _group_by_year(selectors.bulletin_list().filter(gazette=gazette))
    return render(request, "bulletin/gazette.html", {"gazette": gazette, "groups": groups})


def bulletin_detail(request, gazette, year, issue):
    bulletin = selectors.bulletin_at(gazette, year, issue)
    return render(request, "bulletin/bulletin.html",
                  {"bulletin": bulletin, "articles": selectors.articles_of(bulletin)})


def bulletin_source(request, gazette, year, issue):
    bulletin = selectors.bulletin_at(gazette, year, issue)
    if not bulletin.source_file:
        raise Http404("no source file")
    try:
        handle = bulletin.source_file.open("rb")
    except FileNotFoundError:
        raise Http404("source file missing from storage") from None
    return FileResponse(handle, as_attachment=True, filename=bulletin.source_name or None)


def article_detail(request, gazette, year, issue, position):
    output = request.GET.get("format", "html")
    if output not in ("html", "json"):
        return HttpResponseBadRequest(_("不支持这种输出格式：只能是网页或 JSON。"), content_type="text/plain; charset=utf-8")
    article = selectors.article_at(gazette, year, issue, position)
    body = selectors.body_of(article)
    if output == "json":
        return JsonResponse(article_json(request, article, body), json_dumps_params={"ensure_ascii": False})
    previous, following = selectors.neighbours(article)
    citations = citations_of(article)
    link_mentions(body, citations)
    return render(request, "bulletin/article.html", {
        "article": article,
        "bulletin": article.bulletin,
        "toc": table_of_contents(body),
        "blocks": body,
        "paragraph_count": sum(1 for b in body if b.kind == "paragraph"),
        "previous": previous,
        "next": following,
        "citations": citations,
        "permalink": request.build_absolute_uri(article.get_absolute_url()),
        "cite": citation_prefix(article),
        "hl": highlight_terms(request.GET.get("hl", "")[:200]),
    })


def article_json(request, article, body) -> dict:
    """The article as the importer's JSON contract gives it, with its permanent address."""
    bulletin = article.bulletin
    return {
        "url": request.build_absolute_uri(article.get_absolute_url()),
        "bulletin": {"gazette": bulletin.gazette.name, "gazette_slug": bulletin.gazette.slug,
                     "year": bulletin.year, "issue": bulletin.issue,
                     "url": request.build_absolute_uri(bulletin.get_absolute_url())},
        "position": article.position,
        "title": article.title,
        "category": article.category,
        "start_page": article.start_page,
        "subtitle": article.subtitle,
        "speaker": article.speaker,
        "doc_number": article.doc_number,
        "addressee": article.addressee,
        "issuer": article.issuer,
        "signed_on": article.signed_on.isoformat() if article.signed_on else None,
        "doc_type": article.doc_type,
        "blocks": [{**b.to_json_dict(), "anchor": b.anchor} for b in body],
    }


# ------------------------------------------------ the previous release's addresses


def _legacy_bulletin(pk) -> Bulletin:
    return get_object_or_404(Bulletin.objects.select_related("gazette"), pk=pk)


def legacy_bulletin(request, pk):
    return HttpResponsePermanentRedirect(_legacy_bulletin(pk).get_absolute_url())


def legacy_source(request, pk):
    return HttpResponsePermanentRedirect(_legacy_bulletin(pk).get_source_url())


def legacy_article(request, pk, position):
    bulletin = _legacy_bulletin(pk)
    if not bulletin.articles.filter(position=position).exists():
        raise Http404("no such article")
    return HttpResponsePermanentRedirect(f"{bulletin.get_absolute_url()}{position}/")

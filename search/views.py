"""The search page (/search/) and the JSON API (/api/search): both call engine.run_search."""
from __future__ import annotations

import logging

from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from .engine import SearchOutcome, SearchRequest, run_search

log = logging.getLogger(__name__)


def _safe_search(request, strict_page: bool) -> SearchOutcome:
    search_request = SearchRequest.from_querydict(request.GET)
    try:
        return run_search(search_request, strict_page=strict_page)
    except Exception:  # an odd query must give a message, never a 500
        log.exception("search failed for q=%r", search_request.q[:200])
        return SearchOutcome(request=search_request, message=_("检索出错，请修改检索词后重试。"))


@require_GET
def search_page(request):
    outcome = _safe_search(request, strict_page=False)
    r = outcome.request
    facet_groups = [("year", _("年份"), r.year), ("gazette", _("公报"), r.gazette), ("doc_type", _("文种"), r.doc_type),
                    ("issuer", _("发文机关"), r.issuer), ("category", _("栏目"), r.category), ("kind", _("类型"), r.kind),
                    ("bulletin", _("期"), r.bulletin)]
    return render(request, "search/search.html", {"outcome": outcome, "q": r.q, "facet_groups": facet_groups})


@require_GET
def search_api(request):
    problems = SearchRequest.from_querydict(request.GET).problems
    if problems:
        # A client of the API is told what it sent wrong (the page shows the same as a note).
        return JsonResponse({"error": " ".join(problems), "problems": problems}, status=400,
                            json_dumps_params={"ensure_ascii": False})
    outcome = _safe_search(request, strict_page=True)
    if outcome.page_out_of_range:
        return JsonResponse({"error": _("页码超出范围"), "count": outcome.count}, status=404)
    page = outcome.page
    body = {
        "count": outcome.count,
        "page": page.number if page else 1,
        "pages": page.paginator.num_pages if page else 0,
        "results": [hit_json(hit) for hit in outcome.results],
        "facets": {name: {str(k): v for k, v in counts.items()} for name, counts in outcome.facets.items()},
    }
    if outcome.message:
        body["message"] = outcome.message
    return JsonResponse(body, json_dumps_params={"ensure_ascii": False})


def hit_json(hit) -> dict:
    bulletin = hit.bulletin
    return {
        "block_id": hit.block.pk if hit.block else None,
        "kind": hit.kind,
        "label": hit.label,
        "text": hit.text,
        "highlight": hit.highlight,
        "url": hit.url,
        "bulletin": {
            "id": bulletin.pk,
            "gazette": bulletin.gazette.name,
            "gazette_slug": bulletin.gazette.slug,
            "year": bulletin.year,
            "issue": bulletin.issue,
            "published": bulletin.published.isoformat() if bulletin.published else None,
        },
        "article": hit.article.title,
        "section_path": hit.section_path,
        "citation": hit.citation,
    }

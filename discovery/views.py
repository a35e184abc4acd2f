"""robots.txt and the OpenSearch description (a browser adds the archive as a search engine)."""
from django.shortcuts import render
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET


@require_GET
@cache_control(max_age=86400)
def robots_txt(request):
    return render(request, "discovery/robots.txt", content_type="text/plain; charset=utf-8")


@require_GET
@cache_control(max_age=86400)
def opensearch(request):
    return render(request, "discovery/opensearch.xml",
                  {"base": f"{request.scheme}://{request.get_host()}"},
                  content_type="application/opensearchdescription+xml; charset=utf-8")

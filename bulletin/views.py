from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render

from .models import Article, Bulletin


def home(request):
    return render(request, "bulletin/home.html", {"bulletins": Bulletin.objects.all()})


def year_view(request, year):
    return render(request, "bulletin/home.html", {"bulletins": Bulletin.objects.filter(year=year), "year": year})


def bulletin_detail(request, pk):
    bulletin = get_object_or_404(Bulletin, pk=pk)
    return render(request, "bulletin/bulletin.html", {"bulletin": bulletin, "articles": bulletin.articles.all()})


def bulletin_source(request, pk):
    bulletin = get_object_or_404(Bulletin, pk=pk)
    if not bulletin.source_file:
        raise Http404("no source file")
    return FileResponse(bulletin.source_file.open("rb"), as_attachment=True, filename=bulletin.source_name or None)


def article_detail(request, pk, position):
    article = get_object_or_404(Article.objects.select_related("bulletin"), bulletin_id=pk, position=position)
    return render(
        request,
        "bulletin/article.html",
        {"article": article, "sections": article.sections.all(), "paragraphs": article.paragraphs.all()},
    )

from django.urls import path, register_converter

from . import views


class _Converter:
    def to_url(self, value):
        return str(value)


class GazetteSlug(_Converter):
    # Gazette slugs as the model allows them (lower-case, starting with a letter).
    regex = "[a-z][a-z0-9-]{0,39}"

    def to_python(self, value):
        return value


class BoundedNumber(_Converter):
    # Numbers short enough for their columns: an absurd number is a 404, never a database error.
    regex = "[0-9]{1,9}"

    def to_python(self, value):
        return int(value)


register_converter(GazetteSlug, "gazette")
register_converter(BoundedNumber, "n")

app_name = "bulletin"

urlpatterns = [
    path("", views.home, name="home"),
    path("year/<n:year>/", views.year_view, name="year"),
    path("bulletins/<n:pk>/", views.legacy_bulletin, name="legacy_bulletin"),
    path("bulletins/<n:pk>/source/", views.legacy_source, name="legacy_source"),
    path("bulletins/<n:pk>/articles/<n:position>/", views.legacy_article, name="legacy_article"),
    path("<gazette:gazette>/", views.gazette_view, name="gazette"),
    path("<gazette:gazette>/<n:year>/<n:issue>/", views.bulletin_detail, name="bulletin"),
    path("<gazette:gazette>/<n:year>/<n:issue>/source/", views.bulletin_source, name="source"),
    path("<gazette:gazette>/<n:year>/<n:issue>/<n:position>/", views.article_detail, name="article"),
]

from django.urls import path, re_path
from drf_spectacular.views import SpectacularAPIView

import bulletin.urls  # noqa: F401 - registers the `gazette` and `n` path converters used below

from . import errors, reference, views

app_name = "api"

urlpatterns = [
    path("", views.ApiRoot.as_view(), name="root"),
    path("gazettes/", views.GazetteList.as_view(), name="gazettes"),
    path("gazettes/<gazette:gazette>/", views.GazetteDetail.as_view(), name="gazette"),
    path("bulletins/", views.BulletinList.as_view(), name="bulletins"),
    path("bulletins/<gazette:gazette>/<n:year>/<n:issue>/", views.BulletinDetail.as_view(), name="bulletin"),
    path("articles/", views.ArticleList.as_view(), name="articles"),
    path("articles/<gazette:gazette>/<n:year>/<n:issue>/<n:position>/", views.ArticleDetail.as_view(), name="article"),
    path("search/", views.SearchView.as_view(), name="search"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", reference.reference, name="docs"),  # the schema as a page, in Chinese
    re_path(r"^(?P<rest>.*)$", errors.not_found),
]

from django.urls import path

from . import views

app_name = "bulletin"

urlpatterns = [
    path("", views.home, name="home"),
    path("year/<int:year>/", views.year_view, name="year"),
    path("bulletins/<int:pk>/", views.bulletin_detail, name="bulletin"),
    path("bulletins/<int:pk>/source/", views.bulletin_source, name="source"),
    path("bulletins/<int:pk>/articles/<int:position>/", views.article_detail, name="article"),
]

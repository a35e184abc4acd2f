from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("search.urls")),
    path("", include("discovery.urls")),
    path("api/", include("api.urls")),
    path("", include("bulletin.urls")),
]

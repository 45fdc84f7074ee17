from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from portal import views
from portal.sitemaps import sitemaps

portal_patterns = (
    [
        path("", views.HomeView.as_view(), name="home"),
        path("directions/<slug:slug>/", views.DirectionDetailView.as_view(), name="direction-detail"),
        path("municipalities/<slug:slug>/", views.MunicipalityDetailView.as_view(), name="municipality-detail"),
        path("information-centres/", views.InformationCentreListView.as_view(), name="information-centre-list"),
        path(
            "information-centres/<slug:slug>/",
            views.InformationCentreDetailView.as_view(),
            name="information-centre-detail",
        ),
    ],
    "portal",
)

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", views.robots_txt, name="robots-txt"),
    path("sitemap.xml", sitemap, {"sitemaps": sitemaps}, name="sitemap"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
urlpatterns += i18n_patterns(
    path("search/", include("search.urls")),
    path("", include(portal_patterns)),
)

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

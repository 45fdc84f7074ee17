from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path, re_path

from civic.sitemaps import sitemaps as civic_sitemaps
from directory.sitemaps import sitemaps as directory_sitemaps
from media_library.sitemaps import sitemaps as media_sitemaps
from portal import views
from portal.sitemaps import sitemaps as portal_sitemaps
from tourism.sitemaps import sitemaps as tourism_sitemaps

# Each app keeps its sitemaps beside its models; the site map lists them all.
sitemaps = {**portal_sitemaps, **directory_sitemaps, **tourism_sitemaps, **media_sitemaps, **civic_sitemaps}

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
    # An index of paged sections: one file of every page was 31 MB at 10,000 organisations.
    path(
        "sitemap.xml",
        sitemap_views.index,
        {"sitemaps": sitemaps, "sitemap_url_name": "sitemap-section"},
        name="sitemap",
    ),
    path("sitemap-<section>.xml", views.sitemap_section, {"sitemaps": sitemaps}, name="sitemap-section"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
urlpatterns += i18n_patterns(
    path("search/", include("search.urls")),
    path("", include(portal_patterns)),
    path("", include("civic.urls")),
    path("gallery/", include("media_library.urls")),
    path("directory/", include("directory.urls")),
    path("tourism/", include("tourism.urls")),
    path("", include("registrations.urls")),
)

if settings.SERVE_MEDIA and settings.MEDIA_URL.startswith("/"):
    urlpatterns += [re_path(rf"^{settings.MEDIA_URL.strip('/')}/(?P<path>.+)$", views.media_file, name="media-file")]

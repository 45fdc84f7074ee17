from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path, re_path

from api import pages as open_data
from api.views import api
from civic.sitemaps import sitemaps as civic_sitemaps
from cooperation.sitemaps import sitemaps as cooperation_sitemaps
from core.views import PREVIEW_SEGMENT
from directory.sitemaps import sitemaps as directory_sitemaps
from media_library.sitemaps import sitemaps as media_sitemaps
from portal import preview, views
from portal.sitemaps import sitemaps as portal_sitemaps
from tourism.sitemaps import sitemaps as tourism_sitemaps

# Each app keeps its sitemaps beside its models; the site map lists them all.
sitemaps = {
    **portal_sitemaps,
    **directory_sitemaps,
    **tourism_sitemaps,
    **media_sitemaps,
    **civic_sitemaps,
    **cooperation_sitemaps,
}

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
        path("contact/", views.ContactView.as_view(), name="contact"),
        path("accessibility/", views.AccessibilityStatementListView.as_view(), name="accessibility-statement-list"),
        path(
            "accessibility/<slug:slug>/",
            views.AccessibilityStatementDetailView.as_view(),
            name="accessibility-statement",
        ),
        path("site-map/", views.SiteMapView.as_view(), name="site-map"),
        # Every dataset, its downloads and API operations, every field documented (api.datasets).
        path("data/", open_data.DataPageView.as_view(), name="data"),
        # Drafts and scheduled entries before they are public (portal.preview); never cached.
        path(f"{PREVIEW_SEGMENT}/shared/<str:token>/", preview.shared_preview, name="preview-shared"),
        path(f"{PREVIEW_SEGMENT}/<int:content_type_id>/<str:object_id>/", preview.staff_preview, name="preview"),
    ],
    "portal",
)

ADMIN_TITLES = {"extra_context": {"site_header": admin.site.site_header, "site_title": admin.site.site_title}}

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
    # The read-only public API and its OpenAPI document (docs/API.md).
    path("api/v1/", api.urls),
    # Its DCAT-AP catalogue, for national and EU data portals to harvest (docs/API.md).
    path("data/catalog.jsonld", open_data.catalogue_jsonld, name="data-catalog-jsonld"),
    path("data/catalog.ttl", open_data.catalogue_turtle, name="data-catalog-turtle"),
    # The admin's "forgotten your password?" (Django's views and admin templates, under
    # the names the admin's log-in page and reset mail look for), titled as the admin is
    # (outside the admin site, its templates would say "Django administration").
    path("admin/password-reset/", views.StaffPasswordResetView.as_view(**ADMIN_TITLES), name="admin_password_reset"),
    path(
        "admin/password-reset/sent/",
        auth_views.PasswordResetDoneView.as_view(**ADMIN_TITLES),
        name="password_reset_done",
    ),
    path(
        "admin/password-reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(**ADMIN_TITLES),
        name="password_reset_confirm",
    ),
    path(
        "admin/password-reset/done/",
        auth_views.PasswordResetCompleteView.as_view(**ADMIN_TITLES),
        name="password_reset_complete",
    ),
    # Passkeys' ceremonies (django-otp-webauthn: JSON, CSRF-protected), the second step of a log-in.
    path("admin/passkeys/", include("django_otp_webauthn.urls", namespace="otp_webauthn")),
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
    path("", include("cooperation.urls")),
    path("", include("upkeep.urls")),
)

if settings.SERVE_MEDIA and settings.MEDIA_URL.startswith("/"):
    urlpatterns += [re_path(rf"^{settings.MEDIA_URL.strip('/')}/(?P<path>.+)$", views.media_file, name="media-file")]

from datetime import UTC, date, datetime, time
from pathlib import Path
from xml.sax.saxutils import escape

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.sitemaps.views import x_robots_tag
from django.contrib.sites.shortcuts import get_current_site
from django.core.exceptions import SuspiciousOperation
from django.core.files.storage import FileSystemStorage, default_storage
from django.core.paginator import EmptyPage, PageNotAnInteger
from django.db import DatabaseError, connection
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.http import http_date
from django.utils.translation import get_language, gettext
from django.views.generic import DetailView, ListView, TemplateView
from django.views.static import serve as static_serve

from civic.highlights import direction_highlights
from cooperation.highlights import direction_highlights as cooperation_highlights
from core.abuse import client_address, rate_limit_hit
from core.middleware import DATABASE_RETRY_AFTER
from core.models import AccessibilityStatement, Direction, InformationCentre, Municipality
from core.pagecache import cached_fragment
from core.storage import cache_control
from core.structured_data import (
    CollectionStructuredDataMixin,
    StructuredDataMixin,
    area,
    authority,
    geo,
    known,
    postal_address,
    thing,
)
from directory.models import Organisation
from portal.home import home_content
from staff.forms import StaffPasswordResetForm
from tourism.highlights import direction_highlights as tourism_highlights


class HomeView(TemplateView):
    """The home page: its sections, rendered once per language until content changes (``portal.home``)."""

    template_name = "portal/home.html"
    sections_template_name = "portal/includes/_home_sections.html"

    def get_context_data(self, **kwargs):
        sections = cached_fragment("home-sections", (get_language(),), self._render_sections)
        return super().get_context_data(sections=sections, directions=Direction.objects.all(), **kwargs)

    def _render_sections(self) -> str:
        return render_to_string(self.sections_template_name, {"home": home_content()}, request=self.request)


class DirectionDetailView(DetailView):
    template_name = "portal/direction_detail.html"
    model = Direction
    context_object_name = "direction"
    directory_entries_shown = 6

    def get_context_data(self, **kwargs):
        directory_organisations, directory_count = cached_fragment(
            "direction-organisations", self.object.slug, self._directory_organisations
        )
        return super().get_context_data(
            municipalities=Municipality.objects.all(),
            civic=direction_highlights(self.object),
            tourism=tourism_highlights(self.object),
            cooperation=cooperation_highlights(self.object),
            directory_organisations=directory_organisations,
            directory_count=directory_count,
            active_direction=self.object.slug,
            **kwargs,
        )

    def _directory_organisations(self) -> tuple[list[Organisation], int]:
        """The latest entries of the direction and how many it has: over 100,000 organisations the
        costliest part of the page, so cached until content changes."""
        organisations = Organisation.objects.published().in_direction(self.object.pk)
        latest = organisations.for_listing().order_by("-updated_at", "-pk")[: self.directory_entries_shown]
        return list(latest), organisations.count()


class MunicipalityDetailView(StructuredDataMixin, DetailView):
    template_name = "portal/municipality_detail.html"
    queryset = Municipality.objects.with_information_centre()
    context_object_name = "municipality"

    def structured_data(self, municipality, *, url):
        """The municipality as the authority it is, with the area it governs."""
        return thing(
            "GovernmentOrganization",
            url=url,
            name=municipality.name,
            description=municipality.summary,
            sameAs=municipality.website,
            address=postal_address(municipality, postal_code=municipality.postal_code),
            areaServed={**area(municipality), **known(geo=geo(municipality.latitude, municipality.longitude))},
        )


class InformationCentreListView(CollectionStructuredDataMixin, ListView):
    template_name = "portal/informationcentre_list.html"
    queryset = InformationCentre.objects.select_related("municipality")
    context_object_name = "information_centres"


class InformationCentreDetailView(StructuredDataMixin, DetailView):
    template_name = "portal/informationcentre_detail.html"
    queryset = InformationCentre.objects.select_related("municipality")
    context_object_name = "information_centre"
    slug_field = "municipality__slug"

    def structured_data(self, centre, *, url):
        return thing(
            "TouristInformationCenter",
            url=url,
            name=centre.name,
            description=centre.description,
            telephone=centre.phone,
            email=centre.email,
            address=postal_address(centre.municipality, street=centre.address),
            geo=geo(centre.latitude, centre.longitude),
            parentOrganization=authority(centre.municipality),
        )


class ContactView(CollectionStructuredDataMixin, ListView):
    """Both information centres: address, phone, e-mail, hours and the way to their enquiry form."""

    template_name = "portal/contact.html"
    queryset = InformationCentre.objects.select_related("municipality")
    context_object_name = "information_centres"
    structured_data_type = "ContactPage"


class AccessibilityStatementListView(CollectionStructuredDataMixin, ListView):
    """The portal's accessibility: one statement per municipality, each kept by its staff."""

    template_name = "portal/accessibilitystatement_list.html"
    queryset = AccessibilityStatement.objects.select_related("municipality")
    context_object_name = "statements"


class AccessibilityStatementDetailView(DetailView):
    template_name = "portal/accessibilitystatement_detail.html"
    queryset = AccessibilityStatement.objects.select_related("municipality__information_centre")
    context_object_name = "statement"
    slug_field = "municipality__slug"


class SiteMapView(TemplateView):
    """The site map for people (the XML one at /sitemap.xml is for robots): every section of the portal."""

    template_name = "portal/site_map.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(municipalities=Municipality.objects.with_information_centre(), **kwargs)


def healthz(request):
    """Liveness and readiness for load balancers: 200 when the database answers."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        response = JsonResponse({"status": "unhealthy", "database": "unreachable"}, status=503)
        response["Retry-After"] = str(DATABASE_RETRY_AFTER)
        return response
    return JsonResponse({"status": "ok", "database": "ok"})


def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


class StaffPasswordResetView(auth_views.PasswordResetView):
    """The admin's password reset (Django's, with its templates), for staff only, with the public forms' limits.

    The link in the message is built from the request's host, which Django has
    checked against ALLOWED_HOSTS (a forged Host header gets a 400 first).
    """

    form_class = StaffPasswordResetForm

    def form_valid(self, form):
        client = client_address(self.request)
        limit, window = settings.PASSWORD_RESET_RATE_LIMIT, settings.REGISTRATIONS_RATE_WINDOW
        if rate_limit_hit(scope="admin:password-reset", client=client, limit=limit, window=window):
            form.add_error(None, gettext("Too many requests from your address. Please try again later."))
            response = self.form_invalid(form)
            response.status_code = 429
            return response
        email = form.cleaned_data["email"].lower()
        if rate_limit_hit(scope="admin:password-reset-email", client=email, limit=limit, window=window):
            return redirect(self.get_success_url())  # said to be sent, as for an unknown address
        return super().form_valid(form)


@x_robots_tag
def sitemap_section(request, sitemaps, section):
    """One page of one section of the sitemap (``?p=2``), listed by the index at /sitemap.xml.

    What ``django.contrib.sitemaps.views.sitemap`` answers, written directly:
    its template takes some 150 ms for a page of 1,000 addresses with their
    alternates, this a fraction of that.
    """
    if section not in sitemaps:
        raise Http404
    site = sitemaps[section]()
    try:
        urls = site.get_urls(page=request.GET.get("p", 1), site=get_current_site(request), protocol=request.scheme)
    except (EmptyPage, PageNotAnInteger) as error:
        raise Http404 from error
    parts = [
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n'
    ]
    for url in urls:
        parts.append(f"<url><loc>{escape(url['location'])}</loc>")
        if url["lastmod"]:
            parts.append(f"<lastmod>{_day(url['lastmod'])}</lastmod>")
        parts.extend(
            f'<xhtml:link rel="alternate" hreflang="{alternate["lang_code"]}" href="{escape(alternate["location"])}"/>'
            for alternate in url["alternates"]
        )
        parts.append("</url>\n")
    parts.append("</urlset>\n")
    response = HttpResponse("".join(parts), content_type="application/xml")
    latest = getattr(site, "latest_lastmod", None)
    if latest:
        response["Last-Modified"] = http_date(_aware(latest).timestamp())
    return response


def _aware(value: date | datetime) -> datetime:
    if not isinstance(value, datetime):
        value = datetime.combine(value, time.min)
    return value if timezone.is_aware(value) else timezone.make_aware(value, UTC)


def _day(value: date | datetime) -> str:
    return (timezone.localtime(value) if isinstance(value, datetime) else value).strftime("%Y-%m-%d")


def csrf_failure(request, reason=""):
    """A translated page for a refused form, instead of Django's English one."""
    return render(request, "403_csrf.html", status=403)


# Uploaded files the portal may hand out, by extension; anything else is 404
# even when it exists under MEDIA_ROOT.
MEDIA_CONTENT_TYPES = {
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".webp": "image/webp",
    ".avif": "image/avif",
    ".mp4": "video/mp4",
    ".webm": "video/webm",
    ".vtt": "text/vtt; charset=utf-8",
    ".pdf": "application/pdf",
    ".doc": "application/msword",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xls": "application/vnd.ms-excel",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".odt": "application/vnd.oasis.opendocument.text",
    ".ods": "application/vnd.oasis.opendocument.spreadsheet",
    ".gpx": "application/gpx+xml",
}


def _stored_file(request, path):
    """A file of object storage (core.storage), read from the bucket and passed on."""
    try:
        if not default_storage.exists(path):
            raise Http404
        stored = default_storage.open(path)
    except (OSError, SuspiciousOperation) as error:
        raise Http404 from error
    response = FileResponse(stored)
    response["Last-Modified"] = http_date(default_storage.get_modified_time(path).timestamp())
    return response


def media_file(request, path):
    """Serve an uploaded file so that it can never run as a page.

    In production the web server should serve MEDIA_ROOT itself (docs/OPERATIONS.md,
    with the same headers); this view is the portal's own fallback. Only known
    file types are served, each with its own content type, ``nosniff`` and a
    Content Security Policy that forbids scripts and sandboxes the document.
    """
    content_type = MEDIA_CONTENT_TYPES.get(Path(path).suffix.lower())
    if content_type is None:
        raise Http404
    if isinstance(default_storage, FileSystemStorage):
        try:
            response = static_serve(request, path, document_root=settings.MEDIA_ROOT)
        except OSError as error:  # a name longer than the file system allows (ENAMETOOLONG), and the like
            raise Http404 from error
    else:
        response = _stored_file(request, path)
    response["Content-Type"] = content_type
    # Renditions never change under their name: kept a year; other files an hour (core.storage).
    response["Cache-Control"] = cache_control(path)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = (
        "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; sandbox"
    )
    response["Cross-Origin-Resource-Policy"] = "same-origin"
    return response

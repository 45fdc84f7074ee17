"""The admin site of the staff workspace: the dashboard index and the missing-translations page."""

from functools import wraps

from django.conf import settings
from django.contrib import admin
from django.contrib.admin.views.autocomplete import AutocompleteJsonView
from django.contrib.admin.views.main import ERROR_FLAG
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect

from core.abuse import login_rate_limited
from core.translation_status import LANGUAGES, missing_fields, missing_translation_q, translated_fields
from staff import dashboard, two_factor, views
from staff.forms import StaffAuthenticationForm
from staff.roles import staff_scope

TRANSLATIONS_PAGE_ROWS = 50


class LinkableAutocompleteJsonView(AutocompleteJsonView):
    """Autocomplete offers what the form accepts: the rows an entry of the user's municipality may link to."""

    def get_queryset(self):
        get_linkable_queryset = getattr(self.model_admin, "get_linkable_queryset", None)
        if get_linkable_queryset is None:
            return super().get_queryset()
        queryset = get_linkable_queryset(self.request).complex_filter(self.source_field.get_limit_choices_to())
        queryset, search_use_distinct = self.model_admin.get_search_results(self.request, queryset, self.term)
        return queryset.distinct() if search_use_distinct else queryset


# A year lookup the database and Python's dates can hold (``?created_at__year=99999999999999999999`` overflowed).
YEARS = range(1, 10000)


def odd_query(request) -> bool:
    """A query string no list filter writes: a NUL character (PostgreSQL refuses it in text) or an impossible year."""
    for key, values in request.GET.lists():
        for value in values:
            if "\x00" in key or "\x00" in value:
                return True
            if key.endswith(("__year", "__year__exact", "__year__gte", "__year__lte")):
                try:
                    if int(value) not in YEARS:
                        return True
                except ValueError:
                    return True
    return False


class PortalAdminSite(admin.AdminSite):
    login_form = StaffAuthenticationForm

    def admin_view(self, view, cacheable=False):
        """Every admin page; a change list asked for with an odd filter value gets Django's "?e=1" page, not a 500."""
        inner = super().admin_view(view, cacheable)

        @wraps(inner)
        def guarded(request, *args, **kwargs):
            if request.method == "GET" and odd_query(request):
                return HttpResponseRedirect(f"{request.path}?{ERROR_FLAG}=1")
            return inner(request, *args, **kwargs)

        return guarded

    def has_permission(self, request):
        """Active staff who have passed the second factor, where one is asked of them (docs/STAFF.md)."""
        return super().has_permission(request) and two_factor.second_factor_passed(request)

    def signed_in_view(self, view):
        """A page for staff between the password and the second factor (``admin_view`` needs both)."""

        @wraps(view)
        def inner(request, *args, **kwargs):
            if not (request.user.is_active and request.user.is_staff):
                return redirect_to_login(request.get_full_path(), reverse("admin:login", current_app=self.name))
            return view(request, *args, **kwargs)

        return csrf_protect(never_cache(inner))

    def get_urls(self):
        return [
            path("translations/", self.admin_view(self.translations_view), name="missing-translations"),
            path(
                "second-factor/",
                self.signed_in_view(views.SecondFactorView.as_view(admin_site=self)),
                name="second-factor",
            ),
            path(
                "second-factor/cancel/",
                self.signed_in_view(views.SecondFactorCancelView.as_view(admin_site=self)),
                name="second-factor-cancel",
            ),
            path(
                "two-factor/",
                self.signed_in_view(views.TwoFactorView.as_view(admin_site=self)),
                name="two-factor",
            ),
            *super().get_urls(),
        ]

    def login(self, request, extra_context=None):
        """Django's log-in page, with a limit per client address on top of axes' per-user-name lock-out.

        Axes locks one user name from one address after five failures; this
        stops one address from trying many user names (the owners' log-in
        counts against the same limit).
        """
        if request.method == "POST" and login_rate_limited(request):
            response = TemplateResponse(
                request,
                "registration/too_many_attempts.html",
                {**self.each_context(request), "title": _("Too many log-in attempts")},
                status=429,
            )
            response["Retry-After"] = str(settings.REGISTRATIONS_RATE_WINDOW)
            return response
        signed_in = request.user.is_authenticated
        response = None if signed_in else super().login(request, extra_context)
        if request.user.is_active and request.user.is_staff and not two_factor.second_factor_passed(request):
            # The password was right: the second step of the log-in comes next.
            step = "admin:second-factor" if two_factor.has_second_factor(request.user) else "admin:two-factor"
            return HttpResponseRedirect(views.step_url(step, views.next_url(request, self.name)))
        return response or super().login(request, extra_context)

    def autocomplete_view(self, request):
        return LinkableAutocompleteJsonView.as_view(admin_site=self)(request)

    def _municipality_name(self, request) -> str:
        scope = staff_scope(request.user)
        if scope.everything:
            return _("both municipalities")
        membership = getattr(request.user, "staff_membership", None)
        return str(membership.municipality) if membership else ""

    def index(self, request, extra_context=None):
        context = {
            "dashboard_sections": dashboard.dashboard_sections(request),
            "recent_changes": dashboard.recent_changes(request),
            "dashboard_municipality": self._municipality_name(request),
            **(extra_context or {}),
        }
        return super().index(request, context)

    def translations_view(self, request):
        """Entries lacking a language, per model, within the user's municipality, with the fields each lacks."""
        language = request.GET.get("language")
        if language not in LANGUAGES:
            language = LANGUAGES[0]
        groups = []
        for model, model_admin in self._registry.items():
            fields = getattr(model_admin, "translation_fields_checked", None)
            if not hasattr(model_admin, "missing_translations") or not translated_fields(model, fields):
                continue
            if not model_admin.has_view_or_change_permission(request):
                continue
            queryset = model_admin.get_queryset(request).filter(missing_translation_q(model, language, fields))
            rows = list(queryset[: TRANSLATIONS_PAGE_ROWS + 1])
            if not rows:
                continue
            opts = model._meta
            groups.append(
                {
                    "title": opts.verbose_name_plural,
                    "rows": [
                        {
                            "object": row,
                            "url_name": f"{self.name}:{opts.app_label}_{opts.model_name}_change",
                            "fields": [
                                opts.get_field(name).verbose_name for name in missing_fields(row, language, fields)
                            ],
                        }
                        for row in rows[:TRANSLATIONS_PAGE_ROWS]
                    ],
                    "more": len(rows) > TRANSLATIONS_PAGE_ROWS,
                    "changelist_name": f"{self.name}:{opts.app_label}_{opts.model_name}_changelist",
                }
            )
        context = {
            **self.each_context(request),
            "title": _("Missing translations"),
            "language": language,
            "languages": LANGUAGES,
            "groups": groups,
            "municipality": self._municipality_name(request),
        }
        request.current_app = self.name
        return TemplateResponse(request, "admin/staff/missing_translations.html", context)

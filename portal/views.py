from django.db import DatabaseError, connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.generic import DetailView, ListView, TemplateView

from civic.highlights import direction_highlights
from directory.models import Organisation
from portal.models import Direction, InformationCentre, Municipality
from tourism.highlights import direction_highlights as tourism_highlights


class HomeView(TemplateView):
    template_name = "portal/home.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            municipalities=Municipality.objects.with_information_centre(),
            directions=Direction.objects.all(),
            **kwargs,
        )


class DirectionDetailView(DetailView):
    model = Direction
    context_object_name = "direction"
    directory_entries_shown = 6

    def get_context_data(self, **kwargs):
        organisations = Organisation.objects.published().in_direction(self.object.slug)
        return super().get_context_data(
            municipalities=Municipality.objects.all(),
            civic=direction_highlights(self.object),
            tourism=tourism_highlights(self.object),
            directory_organisations=organisations.for_listing().order_by("-updated_at", "-pk")[
                : self.directory_entries_shown
            ],
            directory_count=organisations.count(),
            active_direction=self.object.slug,
            **kwargs,
        )


class MunicipalityDetailView(DetailView):
    queryset = Municipality.objects.with_information_centre()
    context_object_name = "municipality"


class InformationCentreListView(ListView):
    queryset = InformationCentre.objects.select_related("municipality")
    context_object_name = "information_centres"


class InformationCentreDetailView(DetailView):
    queryset = InformationCentre.objects.select_related("municipality")
    context_object_name = "information_centre"
    slug_field = "municipality__slug"


def healthz(request):
    """Liveness and readiness for load balancers: 200 when the database answers."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "unhealthy", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def csrf_failure(request, reason=""):
    """A translated page for a refused form, instead of Django's English one."""
    return render(request, "403_csrf.html", status=403)

"""Public pages: report a mistake in an entry, and the owner's yearly confirmation."""

from django.http import Http404
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView

from core.abuse import PublicFormViewMixin
from core.views import site_root
from upkeep import services
from upkeep.forms import MistakeReportForm


class MistakeReportView(PublicFormViewMixin, FormView):
    """A short form under any public entry: what is wrong, and optionally where to say it is fixed."""

    form_class = MistakeReportForm
    template_name = "upkeep/mistakereport_form.html"
    rate_scope, rate_limit = "upkeep:report", "UPKEEP_REPORT_RATE_LIMIT"
    rate_message = _("You have sent several reports in a short time. Please try again later.")

    def dispatch(self, request, *args, **kwargs):
        label, pk = request.GET.get("entry", ""), request.GET.get("id", "")
        self.entry = services.reportable_entry(label, int(pk)) if pk.isdigit() and len(pk) < 19 else None
        if self.entry is None:
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(entry=self.entry, **kwargs)

    def get_success_url(self):
        return reverse("upkeep:report-sent")

    def save_submission(self, form):
        services.report_submit(
            entry=self.entry,
            message=form.cleaned_data["message"],
            email=form.cleaned_data["email"],
            language=get_language(),
            site_root=site_root(self.request),
        )


class MistakeReportSentView(TemplateView):
    template_name = "upkeep/mistakereport_sent.html"


class ConfirmationView(TemplateView):
    """The yearly link: one button says the entry is still right; the others lead to editing or closing.

    A GET changes nothing, so mail scanners that follow links confirm nothing; only a person does.
    """

    template_name = "upkeep/confirmation.html"

    def dispatch(self, request, *args, **kwargs):
        self.confirmation = services.confirmation_from_token(kwargs["token"])
        if self.confirmation is None:
            response = TemplateView.as_view(template_name="registrations/link_invalid.html")(request)
            response.status_code = 404
            return response
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            confirmation=self.confirmation, organisation=self.confirmation.organisation, **kwargs
        )

    def post(self, request, *args, **kwargs):
        if request.POST.get("answer") == "closed":
            self.confirmation = services.entry_closure_report(confirmation=self.confirmation)
        else:
            self.confirmation = services.entry_confirm(confirmation=self.confirmation)
        return self.render_to_response(self.get_context_data())

from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView

from civic.forms import EnquiryForm
from civic.models import Page
from civic.services import ENQUIRY_LIMIT, ENQUIRY_LIMIT_WINDOW, enquiry_submit
from core.abuse import PublicFormViewMixin
from core.models import InformationCentre

SESSION_KEY = "civic_enquiry_reference"


class CentreMixin:
    def dispatch(self, request, *args, **kwargs):
        self.centre = get_object_or_404(
            InformationCentre.objects.select_related("municipality"), municipality__slug=kwargs["slug"]
        )
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(centre=self.centre, **kwargs)


class EnquiryCreateView(CentreMixin, PublicFormViewMixin, FormView):
    """Ask an information centre a question, in any of the portal's languages."""

    form_class = EnquiryForm
    template_name = "civic/enquiry_form.html"
    rate_scope, rate_limit, rate_window = "civic:enquiries", ENQUIRY_LIMIT, ENQUIRY_LIMIT_WINDOW
    rate_message = _("You have sent several questions in a short time. Please try again later.")

    def get_context_data(self, **kwargs):
        privacy = Page.objects.published().filter(kind=Page.Kind.PRIVACY, municipality=self.centre.municipality)
        return super().get_context_data(privacy_page=privacy.first(), pages_url=reverse("civic:page-list"), **kwargs)

    def save_submission(self, form):
        enquiry = enquiry_submit(
            centre=self.centre,
            name=form.cleaned_data["name"],
            email=form.cleaned_data["email"],
            subject=form.cleaned_data["subject"],
            message=form.cleaned_data["message"],
            language=get_language(),
        )
        self.request.session[SESSION_KEY] = enquiry.reference

    def get_success_url(self):
        return reverse("civic:enquiry-sent", kwargs={"slug": self.centre.municipality.slug})


class EnquirySentView(CentreMixin, TemplateView):
    template_name = "civic/enquiry_sent.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(reference=self.request.session.get(SESSION_KEY), **kwargs)

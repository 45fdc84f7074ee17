from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import get_language, gettext
from django.views.generic import FormView, TemplateView

from civic.forms import EnquiryForm
from civic.models import Page
from civic.services import enquiry_rate_limited, enquiry_submit
from core.abuse import client_address, remember_submission
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


class EnquiryCreateView(CentreMixin, FormView):
    """Ask an information centre a question, in any of the portal's languages."""

    form_class = EnquiryForm
    template_name = "civic/enquiry_form.html"

    def get_context_data(self, **kwargs):
        privacy = Page.objects.published().filter(kind=Page.Kind.PRIVACY, municipality=self.centre.municipality)
        return super().get_context_data(privacy_page=privacy.first(), pages_url=reverse("civic:page-list"), **kwargs)

    def form_valid(self, form):
        if form.done_url:  # a retry of an enquiry that was stored: the same success page
            return redirect(form.done_url)
        if form.is_spam:
            # Robots are thanked like people, and nothing is kept or sent.
            return redirect(self.get_success_url())
        if enquiry_rate_limited(client=client_address(self.request)):
            form.add_error(None, gettext("You have sent several questions in a short time. Please try again later."))
            response = self.form_invalid(form)
            response.status_code = 429
            return response
        enquiry = enquiry_submit(
            centre=self.centre,
            name=form.cleaned_data["name"],
            email=form.cleaned_data["email"],
            subject=form.cleaned_data["subject"],
            message=form.cleaned_data["message"],
            language=get_language(),
        )
        remember_submission(form.submission_key, self.get_success_url())
        self.request.session[SESSION_KEY] = enquiry.reference
        return redirect(self.get_success_url())

    def get_success_url(self):
        return reverse("civic:enquiry-sent", kwargs={"slug": self.centre.municipality.slug})


class EnquirySentView(CentreMixin, TemplateView):
    template_name = "civic/enquiry_sent.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(reference=self.request.session.get(SESSION_KEY), **kwargs)

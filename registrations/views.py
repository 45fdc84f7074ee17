"""Public pages of company registration, owners' "My company", contact a company, privacy."""

import json
import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model, logout
from django.contrib.auth import login as auth_login
from django.contrib.auth import views as auth_views
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse, reverse_lazy
from django.utils.cache import patch_cache_control
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView, View
from django_otp import login as otp_login

from civic.models import Page
from core.abuse import PublicFormViewMixin, client_address, login_rate_limited, rate_limit_hit
from core.models import Municipality
from core.views import refused_for_rate, site_root
from directory.models import Organisation
from registrations import services
from registrations.forms import (
    ApplicantReplyForm,
    ClaimForm,
    ContactForm,
    OwnerEraseForm,
    OwnerLoginForm,
    OwnerPasswordResetForm,
    OwnerProfileForm,
    RegistrationForm,
)
from registrations.models import ClaimMethod, CompanyClaim, CompanyOwner, CompanyRegistration, ProposedChange
from staff import two_factor
from staff.audit import audit_event_record
from staff.forms import AuthenticatorConfirmForm, SecondFactorForm
from staff.models import AuditAction

SENT_SESSION_KEY = "registrations_sent_to"


class PrivacyPagesMixin:
    """The privacy notice of each municipality, for the consent of a registration."""

    def get_context_data(self, **kwargs):
        pages = Page.objects.published().filter(kind=Page.Kind.PRIVACY).select_related("municipality")
        return super().get_context_data(
            privacy_pages=list(pages),
            municipalities=list(Municipality.objects.order_by("country", "slug")),
            **kwargs,
        )


class RegistrationCreateView(PrivacyPagesMixin, PublicFormViewMixin, FormView):
    """Register your company: the application waits for email confirmation, then for the moderators."""

    form_class = RegistrationForm
    template_name = "registrations/registration_form.html"
    success_url = reverse_lazy("registrations:registration-sent")
    rate_scope, rate_limit = "registrations:register", "REGISTRATIONS_RATE_LIMIT"
    rate_message = _("Several applications came from your address in a short time. Try again later.")

    def save_submission(self, form):
        self.request.session[SENT_SESSION_KEY] = self.submit(form).contact_email

    def submit(self, form) -> CompanyRegistration:
        return services.registration_submit(
            organisation=form.instance,
            contact_name=form.cleaned_data["contact_name"],
            contact_email=form.cleaned_data["contact_email"],
            contact_phone=form.cleaned_data["contact_phone"],
            language=get_language(),
            site_root=site_root(self.request),
            logo=form.cleaned_data.get("logo"),
            photos=form.cleaned_data.get("photos") or [],
        )


class RegistrationSentView(TemplateView):
    template_name = "registrations/registration_sent.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(email=self.request.session.get(SENT_SESSION_KEY), **kwargs)


class RegistrationTokenMixin:
    salt = services.VERIFY_SALT
    max_age = services.VERIFY_MAX_AGE

    def dispatch(self, request, *args, **kwargs):
        self.registration = services.registration_from_token(kwargs["token"], salt=self.salt, max_age=self.max_age)
        if self.registration is None:
            return self.invalid_link()
        return super().dispatch(request, *args, **kwargs)

    def invalid_link(self):
        response = TemplateView.as_view(template_name="registrations/link_invalid.html")(self.request)
        response.status_code = 404
        return response


class RegistrationVerifyView(RegistrationTokenMixin, TemplateView):
    """A page with one button: mail scanners that follow links confirm nothing, only a person does."""

    template_name = "registrations/registration_verify.html"

    def get_context_data(self, **kwargs):
        status_url = reverse(
            "registrations:application", kwargs={"token": services.application_token(self.registration)}
        )
        return super().get_context_data(registration=self.registration, status_url=status_url, **kwargs)

    def post(self, request, *args, **kwargs):
        self.registration = services.registration_verify(registration=self.registration, site_root=site_root(request))
        return self.render_to_response(self.get_context_data(verified=True))


class RegistrationEditView(RegistrationTokenMixin, RegistrationCreateView):
    """The applicant corrects an application the moderators sent back."""

    salt = services.EDIT_SALT
    max_age = services.EDIT_MAX_AGE
    template_name = "registrations/registration_form.html"

    def get(self, request, *args, **kwargs):
        if self.registration.status != CompanyRegistration.Status.CHANGES_REQUESTED:
            return self.invalid_link()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if self.registration.status != CompanyRegistration.Status.CHANGES_REQUESTED:
            return self.invalid_link()
        return super().post(request, *args, **kwargs)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        organisation = services.organisation_from_values(self.registration.company)
        organisation.municipality_id = self.registration.municipality_id
        kwargs["instance"] = organisation
        kwargs["registration_pk"] = self.registration.pk
        kwargs["initial"] = {
            "contact_name": self.registration.contact_name,
            "contact_email": self.registration.contact_email,
            "contact_phone": self.registration.contact_phone,
        }
        return kwargs

    def get_context_data(self, **kwargs):
        return super().get_context_data(registration=self.registration, **kwargs)

    def submit(self, form):
        return services.registration_submit(
            registration=self.registration,
            organisation=form.instance,
            contact_name=form.cleaned_data["contact_name"],
            contact_email=form.cleaned_data["contact_email"],
            contact_phone=form.cleaned_data["contact_phone"],
            language=get_language(),
            site_root=site_root(self.request),
            logo=form.cleaned_data.get("logo"),
            photos=form.cleaned_data.get("photos") or [],
        )

    def form_valid(self, form):
        response = super().form_valid(form)
        if response.status_code == 302:
            return redirect("registrations:registration-resubmitted")
        return response


# --- The company page: photos and the contact form ------------------------------------------------


class CompanyContactView(PublicFormViewMixin, FormView):
    """Write to a published company; its address is never shown."""

    form_class = ContactForm
    template_name = "registrations/contact_form.html"
    rate_scope, rate_limit = "registrations:contact", "REGISTRATIONS_CONTACT_RATE_LIMIT"
    rate_message = _("You have sent several messages in a short time. Please try again later.")

    def dispatch(self, request, *args, **kwargs):
        self.organisation = get_object_or_404(
            Organisation.objects.published().select_related("owner", "municipality"), slug=kwargs["slug"]
        )
        if not services.company_contact_address(self.organisation):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(organisation=self.organisation, **kwargs)

    def save_submission(self, form):
        services.company_contact(
            organisation=self.organisation,
            name=form.cleaned_data["name"],
            email=form.cleaned_data["email"],
            subject=form.cleaned_data["subject"],
            message=form.cleaned_data["message"],
            language=get_language(),
        )

    def get_success_url(self):
        return reverse("registrations:company-contact-sent", kwargs={"slug": self.organisation.slug})


class CompanyContactSentView(TemplateView):
    template_name = "registrations/contact_sent.html"

    def get_context_data(self, **kwargs):
        organisation = get_object_or_404(Organisation.objects.published(), slug=kwargs["slug"])
        return super().get_context_data(organisation=organisation, **kwargs)


# --- Owners --------------------------------------------------------------------------------------


class OwnerLoginView(auth_views.LoginView):
    """Owners log in here (django-axes locks a user name after repeated failures from one address)."""

    form_class = OwnerLoginForm
    template_name = "registrations/login.html"
    redirect_authenticated_user = True

    def post(self, request, *args, **kwargs):
        if login_rate_limited(request):
            refusal = gettext("Too many log-in attempts from your address. Please try again later.")
            response = self.render_to_response(self.get_context_data(form=OwnerLoginForm(request), refusal=refusal))
            response.status_code = 429
            response["Retry-After"] = str(settings.REGISTRATIONS_RATE_WINDOW)
            return response
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        if form.is_spam:
            return self.form_invalid(form)
        user = form.get_user()
        if two_factor.has_second_factor(user):
            # Not logged in yet: the session only remembers whose password was right, for a few minutes.
            self.request.session.cycle_key()
            self.request.session[PENDING_OWNER_KEY] = {
                "user": user.pk,
                "since": time.time(),
                "next": self.get_success_url(),
            }
            return redirect("registrations:second-factor")
        return super().form_valid(form)

    def get_default_redirect_url(self):
        return reverse("registrations:account")


# An owner who has turned two-factor log-in on is logged in only after the second step, which
# must follow the password within this many seconds.
PENDING_OWNER_KEY = "registrations_pending_owner"
PENDING_OWNER_SECONDS = 300


class OwnerSecondFactorView(FormView):
    """The second step of an owner's log-in: a code from the authenticator app, or a recovery code."""

    template_name = "registrations/second_factor.html"

    def dispatch(self, request, *args, **kwargs):
        pending = request.session.get(PENDING_OWNER_KEY)
        if not pending or time.time() - pending["since"] > PENDING_OWNER_SECONDS:
            request.session.pop(PENDING_OWNER_KEY, None)
            return redirect("registrations:login")
        self.owner = get_user_model()._default_manager.filter(pk=pending["user"], is_active=True).first()
        if self.owner is None:
            return redirect("registrations:login")
        self.next_url = pending["next"]
        return super().dispatch(request, *args, **kwargs)

    def get_form(self, form_class=None):
        return SecondFactorForm(user=self.owner, **self.get_form_kwargs())

    def form_valid(self, form):
        del self.request.session[PENDING_OWNER_KEY]
        auth_login(self.request, self.owner, backend="django.contrib.auth.backends.ModelBackend")
        otp_login(self.request, form.device)
        audit_event_record(action=AuditAction.SECOND_FACTOR_PASSED, actor=self.owner, request=self.request)
        return redirect(self.next_url)

    def form_invalid(self, form):
        audit_event_record(action=AuditAction.SECOND_FACTOR_FAILED, actor=self.owner, request=self.request)
        return super().form_invalid(form)


class OwnerLogoutView(auth_views.LogoutView):
    next_page = reverse_lazy("portal:home")


class OwnerSetPasswordView(auth_views.PasswordResetConfirmView):
    """The link from the approval email: the owner chooses a password, and is logged in."""

    template_name = "registrations/set_password.html"
    post_reset_login = True
    post_reset_login_backend = "django.contrib.auth.backends.ModelBackend"
    success_url = reverse_lazy("registrations:account")

    def form_valid(self, form):
        # A new password alone never passes the second factor: the owner then logs in with both.
        if two_factor.has_second_factor(self.user):
            self.post_reset_login = False
            self.success_url = reverse("registrations:login")
        return super().form_valid(form)


class OwnerPasswordResetView(FormView):
    """Forgot your password? A link to choose a new one, sent to the owner's address.

    The answer is the same whether the address is known or not. Limits per
    client address and per email address keep it from being used to flood
    someone's mailbox.
    """

    form_class = OwnerPasswordResetForm
    template_name = "registrations/password_reset_form.html"
    success_url = reverse_lazy("registrations:password-reset-sent")

    def form_valid(self, form):
        if form.is_spam:
            return redirect(self.get_success_url())
        if rate_limit_hit(
            scope="registrations:password-reset",
            client=client_address(self.request),
            limit=settings.PASSWORD_RESET_RATE_LIMIT,
            window=settings.REGISTRATIONS_RATE_WINDOW,
        ):
            refusal = gettext("Several password requests came from your address in a short time. Try again later.")
            return refused_for_rate(self, form, refusal)
        email = form.cleaned_data["email"]
        if not rate_limit_hit(
            scope="registrations:password-reset-email",
            client=email.lower(),
            limit=settings.PASSWORD_RESET_RATE_LIMIT,
            window=settings.REGISTRATIONS_RATE_WINDOW,
        ):
            services.owner_password_reset(email=email, language=get_language(), site_root=site_root(self.request))
        return redirect(self.get_success_url())


class OwnerRequiredMixin(LoginRequiredMixin):
    """An owner's own pages: never kept by a browser or shared cache (``Cache-Control: private, no-store``)."""

    def dispatch(self, request, *args, **kwargs):
        response = super().dispatch(request, *args, **kwargs)
        patch_cache_control(response, private=True, no_store=True)
        return response

    def owned_companies(self):
        return CompanyOwner.objects.filter(user=self.request.user).select_related("organisation__municipality")


class AccountView(OwnerRequiredMixin, TemplateView):
    """My company: each company's public profile, and the status of everything the owner sent."""

    template_name = "registrations/account.html"

    def get_context_data(self, **kwargs):
        owned = list(self.owned_companies())
        organisations = [owner.organisation for owner in owned]
        changes = ProposedChange.objects.filter(organisation__in=organisations).select_related("organisation")
        registrations = CompanyRegistration.objects.filter(owner=self.request.user)
        claims = CompanyClaim.objects.filter(owner=self.request.user).select_related("organisation")
        return super().get_context_data(
            owned=owned,
            proposed_changes=list(changes[:20]),
            registrations=list(registrations),
            claims=list(claims),
            **kwargs,
        )


class OwnerTwoFactorView(OwnerRequiredMixin, TemplateView):
    """An owner turns two-factor log-in (an authenticator app, with recovery codes) on or off."""

    template_name = "registrations/two_factor.html"
    codes_key = "registrations_recovery_codes_shown"

    def get_context_data(self, form=None, **kwargs):
        user = self.request.user
        enabled = two_factor.has_second_factor(user)
        context = {"enabled": enabled, "codes": self.request.session.pop(self.codes_key, None), **kwargs}
        if enabled:
            context["codes_left"] = two_factor.recovery_codes_left(user)
        else:
            device = two_factor.totp_device_pending(user)
            context.update(
                form=form or AuthenticatorConfirmForm(),
                qr_svg=two_factor.totp_qr_svg(device),
                key_base32=two_factor.base32_groups(device.bin_key),
            )
        return super().get_context_data(**context)

    def post(self, request):
        user = request.user
        action = request.POST.get("action")
        if action == "off" and two_factor.has_second_factor(user):
            two_factor.second_factor_reset(user=user, by=user, request=request)
            messages.success(request, gettext("Two-factor log-in is off."))
            return redirect("registrations:two-factor")
        if action == "recovery-codes" and two_factor.has_second_factor(user):
            request.session[self.codes_key] = two_factor.recovery_codes_generate(user=user, request=request)
            return redirect("registrations:two-factor")
        form = AuthenticatorConfirmForm(request.POST)
        device = two_factor.totp_device_pending(user)
        if form.is_valid() and two_factor.totp_device_confirm(
            device=device, token=form.cleaned_data["token"], request=request
        ):
            otp_login(request, device)
            request.session[self.codes_key] = two_factor.recovery_codes_generate(user=user, request=request)
            messages.success(request, gettext("Two-factor log-in is on."))
            return redirect("registrations:two-factor")
        if form.is_valid():
            form.add_error("token", gettext("This code is not valid. Type the code the app shows now."))
        return self.render_to_response(self.get_context_data(form=form))


class OwnerProfileEditView(OwnerRequiredMixin, FormView):
    """The owner edits the profile; the change waits for the moderators, the published text stays."""

    form_class = OwnerProfileForm
    template_name = "registrations/profile_form.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.owner = get_object_or_404(self.owned_companies(), organisation__slug=kwargs["slug"])
        self.pending = ProposedChange.objects.waiting().filter(organisation=self.owner.organisation).first()
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        # The form shows what the owner last proposed, when a proposal still waits.
        kwargs["instance"] = services.organisation_from_values(
            self.pending.data if self.pending else {}, base=self.owner.organisation
        )
        return kwargs

    def get_context_data(self, **kwargs):
        return super().get_context_data(owner=self.owner, organisation=self.owner.organisation, pending=self.pending)

    def form_valid(self, form):
        change = services.change_propose(owner=self.owner, organisation=form.instance, logo=form.cleaned_data["logo"])
        if change is None:
            messages.info(self.request, gettext("Nothing was changed."))
        else:
            messages.success(
                self.request,
                gettext("Your changes were sent to the moderators. The profile shows the present text until then."),
            )
        return redirect("registrations:account")


class OwnerDataExportView(OwnerRequiredMixin, View):
    def get(self, request, *args, **kwargs):
        data = services.owner_data_export(user=request.user)
        response = HttpResponse(
            json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
            content_type="application/json; charset=utf-8",
        )
        response["Content-Disposition"] = 'attachment; filename="most-my-data.json"'
        return response


class OwnerEraseView(OwnerRequiredMixin, FormView):
    """Delete the account and everything about it, once the owner ticks the box and types the password again."""

    form_class = OwnerEraseForm
    template_name = "registrations/erase_confirm.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def post(self, request, *args, **kwargs):
        if rate_limit_hit(
            scope="registrations:erase",
            client=str(request.user.pk),
            limit=settings.REGISTRATIONS_ERASE_RATE_LIMIT,
            window=settings.REGISTRATIONS_RATE_WINDOW,
        ):
            # An unbound form: a refused attempt must not tell whether its password was right.
            refusal = gettext("Too many attempts to delete this account. Please try again later.")
            response = self.render_to_response(
                self.get_context_data(form=OwnerEraseForm(user=request.user), refusal=refusal)
            )
            response.status_code = 429
            return response
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form):
        response = super().form_invalid(form)
        response.status_code = 400
        return response

    def form_valid(self, form):
        user = get_user_model().objects.get(pk=self.request.user.pk)
        logout(self.request)
        services.owner_erase(user=user)
        return redirect("registrations:erased")


# --- Claims of existing entries and the applicant's own view --------------------------------------

CLAIM_SESSION_KEY = "registrations_claim_sent"


class ClaimCreateView(PrivacyPagesMixin, PublicFormViewMixin, FormView):
    """Is this your company? A claim of a public entry that nobody keeps yet."""

    form_class = ClaimForm
    template_name = "registrations/claim_form.html"
    rate_scope, rate_limit = "registrations:claim", "REGISTRATIONS_RATE_LIMIT"
    rate_message = _("Several claims came from your address in a short time. Try again later.")

    def dispatch(self, request, *args, **kwargs):
        self.organisation = get_object_or_404(
            Organisation.objects.published().select_related("owner", "municipality"), slug=kwargs["slug"]
        )
        if not services.claimable(self.organisation):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "organisation": self.organisation}

    def get_context_data(self, **kwargs):
        return super().get_context_data(organisation=self.organisation, **kwargs)

    def get_success_url(self):
        return reverse("registrations:claim-sent", kwargs={"slug": self.organisation.slug})

    def save_submission(self, form):
        claim = services.claim_start(
            organisation=self.organisation,
            method=form.cleaned_data["method"],
            identifier=form.cleaned_data["identifier"],
            contact_name=form.cleaned_data["contact_name"],
            contact_email=form.cleaned_data["contact_email"],
            contact_phone=form.cleaned_data["contact_phone"],
            language=get_language(),
            explanation=form.cleaned_data["explanation"],
            document=form.cleaned_data.get("document"),
            site_root=site_root(self.request),
        )
        self.request.session[CLAIM_SESSION_KEY] = {
            "method": claim.method,
            "email": claim.contact_email,
            "masked": services.mask_email(self.organisation.email),
        }


class ClaimSentView(TemplateView):
    template_name = "registrations/claim_sent.html"

    def get_context_data(self, **kwargs):
        organisation = get_object_or_404(Organisation.objects.published(), slug=kwargs["slug"])
        sent = self.request.session.get(CLAIM_SESSION_KEY) or {}
        return super().get_context_data(organisation=organisation, sent=sent, email_method=ClaimMethod.EMAIL, **kwargs)


class ClaimConfirmView(TemplateView):
    """The link mailed to the address on record: one button, so that a mail scanner following it grants nothing."""

    template_name = "registrations/claim_confirm.html"

    def dispatch(self, request, *args, **kwargs):
        self.claim = services.claim_from_token(kwargs["token"])
        if self.claim is None:
            response = TemplateView.as_view(template_name="registrations/link_invalid.html")(request)
            response.status_code = 404
            return response
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(claim=self.claim, organisation=self.claim.organisation, **kwargs)

    def post(self, request, *args, **kwargs):
        try:
            self.claim = services.claim_confirm(claim=self.claim, site_root=site_root(request))
        except ValidationError:
            self.claim.refresh_from_db()
        return self.render_to_response(self.get_context_data(confirmed=True))


class ApplicationView(FormView):
    """The applicant's own view of a registration or a claim: its state, what was sent, what staff asked.

    Reached by the signed link mailed to the applicant (no account needed); they answer
    staff here. Never kept by a browser or shared cache.
    """

    form_class = ApplicantReplyForm
    template_name = "registrations/application_detail.html"

    def dispatch(self, request, *args, **kwargs):
        self.application = services.application_from_token(kwargs["token"])
        if self.application is None:
            response = TemplateView.as_view(template_name="registrations/link_invalid.html")(request)
            response.status_code = 404
        else:
            response = super().dispatch(request, *args, **kwargs)
        patch_cache_control(response, private=True, no_store=True)
        return response

    @property
    def is_claim(self) -> bool:
        return isinstance(self.application, CompanyClaim)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "with_document": self.is_claim}

    def get_context_data(self, **kwargs):
        application = self.application
        edit_url = ""
        if not self.is_claim and application.status == CompanyRegistration.Status.CHANGES_REQUESTED:
            edit_url = reverse("registrations:registration-edit", kwargs={"token": services.edit_token(application)})
        return super().get_context_data(
            application=application,
            is_claim=self.is_claim,
            sent_rows=services.application_sent_rows(application),
            replies=list(application.replies.all()),
            can_reply=services.can_reply(application),
            edit_url=edit_url,
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        if not services.can_reply(self.application):
            return self.get(request, *args, **kwargs)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        if form.is_spam:
            return redirect(self.request.path)
        if rate_limit_hit(
            scope="registrations:reply",
            client=f"{type(self.application).__name__}:{self.application.pk}",
            limit=settings.REGISTRATIONS_CONTACT_RATE_LIMIT,
            window=settings.REGISTRATIONS_RATE_WINDOW,
        ):
            return refused_for_rate(
                self, form, gettext("You have sent several answers in a short time. Please try again later.")
            )
        try:
            services.application_reply(
                application=self.application, text=form.cleaned_data["text"], document=form.cleaned_data.get("document")
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, gettext("Your answer was sent to the information centre."))
        return redirect(self.request.path)

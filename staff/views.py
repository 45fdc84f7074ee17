"""The admin's two-factor pages: the second step of a log-in, and setting a second factor up.

Both open to a signed-in staff member before the second factor is passed (the rest of the
admin does not: ``PortalAdminSite.has_permission``); docs/STAFF.md, "Two-factor log-in".
"""

from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpResponseRedirect
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice

from staff import two_factor
from staff.audit import audit_event_record
from staff.forms import AuthenticatorConfirmForm, SecondFactorForm
from staff.models import AuditAction

SHOWN_CODES_KEY = "staff_recovery_codes_shown"


class AdminPageMixin:
    """A page of the admin site: its header and titles, without the list of apps."""

    admin_site = None
    template_name = ""
    title = ""

    def render(self, request, **context):
        request.current_app = self.admin_site.name
        return TemplateResponse(
            request,
            self.template_name,
            {
                **self.admin_site.each_context(request),
                "is_nav_sidebar_enabled": False,
                "title": self.title,
                **context,
            },
        )

    def next_url(self, request) -> str:
        return next_url(request, self.admin_site.name)


def next_url(request, site_name: str = "admin") -> str:
    """Where the log-in was going: a path on this site, else the admin's index."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        return target
    return reverse("admin:index", current_app=site_name)


def step_url(name: str, target: str) -> str:
    return f"{reverse(name)}?{urlencode({'next': target})}"


def device_kind(device) -> str:
    if isinstance(device, StaticDevice):
        return _("recovery code")
    if device._meta.model_name == "webauthncredential":
        return _("passkey")
    return _("authenticator app")


class SecondFactorView(AdminPageMixin, View):
    """The second step of a log-in: a code from the app, a recovery code, or a passkey."""

    template_name = "admin/staff/second_factor.html"

    @property
    def title(self):
        return _("Second step of the log-in")

    def dispatch(self, request, *args, **kwargs):
        if two_factor.second_factor_passed(request):
            return HttpResponseRedirect(self.next_url(request))
        if not two_factor.has_second_factor(request.user):
            return redirect(step_url("admin:two-factor", self.next_url(request)))
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        return self.page(request, SecondFactorForm(user=request.user))

    def post(self, request):
        form = SecondFactorForm(request.POST, user=request.user)
        if not form.is_valid():
            audit_event_record(action=AuditAction.SECOND_FACTOR_FAILED, actor=request.user, request=request)
            return self.page(request, form)
        otp_login(request, form.device)
        audit_event_record(
            action=AuditAction.SECOND_FACTOR_PASSED,
            actor=request.user,
            message=device_kind(form.device),
            request=request,
        )
        if isinstance(form.device, StaticDevice):
            left = two_factor.recovery_codes_left(request.user)
            messages.warning(
                request,
                ngettext(
                    "You used a recovery code; %(count)d is left. Make new ones on the “Two-factor log-in” page.",
                    "You used a recovery code; %(count)d are left. Make new ones on the “Two-factor log-in” page.",
                    left,
                )
                % {"count": left},
            )
        return HttpResponseRedirect(self.next_url(request))

    def page(self, request, form):
        return self.render(
            request,
            form=form,
            next=self.next_url(request),
            has_passkeys=two_factor.passkeys_of(request.user).exists(),
        )


class SecondFactorCancelView(AdminPageMixin, View):
    """Leave the second step: the session ends (the admin's own log-out needs a finished log-in)."""

    http_method_names = ["post"]

    def post(self, request):
        logout(request)
        return redirect("admin:login")


class TwoFactorView(AdminPageMixin, View):
    """A staff member's second factors: set up an authenticator app, passkeys, recovery codes."""

    template_name = "admin/staff/two_factor.html"

    @property
    def title(self):
        return _("Two-factor log-in")

    def dispatch(self, request, *args, **kwargs):
        # A second factor already set up must be passed before another can be added: the
        # password alone never lets anyone put their own phone on an account.
        if two_factor.has_second_factor(request.user) and not request.user.is_verified():
            return redirect(step_url("admin:second-factor", request.path))
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        user = request.user
        codes = request.session.pop(SHOWN_CODES_KEY, None)
        has_codes = StaticDevice.objects.filter(user=user, name=two_factor.RECOVERY_DEVICE_NAME).exists()
        if codes is None and user.is_verified() and not has_codes:
            # The first second factor was just set up (an app or a passkey): the codes come with it.
            codes = two_factor.recovery_codes_generate(user=user, request=request)
        return self.page(request, AuthenticatorConfirmForm(), codes=codes)

    def post(self, request):
        user = request.user
        if request.POST.get("action") == "recovery-codes" and user.is_verified():
            request.session[SHOWN_CODES_KEY] = two_factor.recovery_codes_generate(user=user, request=request)
            return redirect("admin:two-factor")
        form = AuthenticatorConfirmForm(request.POST)
        device = two_factor.totp_device_pending(user)
        if form.is_valid() and two_factor.totp_device_confirm(
            device=device, token=form.cleaned_data["token"], request=request
        ):
            if not user.is_verified():
                otp_login(request, device)
            messages.success(request, _("The authenticator app is set up."))
            return redirect("admin:two-factor")
        if form.is_valid():
            form.add_error("token", _("This code is not valid. Type the code the app shows now."))
        return self.page(request, form)

    def page(self, request, form, codes=None):
        user = request.user
        device = two_factor.totp_device_pending(user)
        return self.render(
            request,
            form=form,
            codes=codes,
            has_app=two_factor.TOTPDevice.objects.filter(user=user, confirmed=True).exists(),
            qr_svg=two_factor.totp_qr_svg(device),
            key_base32=two_factor.base32_groups(device.bin_key),
            passkeys=list(two_factor.passkeys_of(user)),
            codes_left=two_factor.recovery_codes_left(user),
            passed=two_factor.second_factor_passed(request),
            verified=user.is_verified(),
        )

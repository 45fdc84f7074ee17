"""Moderation in the staff workspace: applications and proposed changes, by the moderators of their municipality."""

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import FileResponse, Http404
from django.urls import path, reverse
from django.utils import formats, timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from directory.models import Organisation
from registrations import services
from registrations.models import CompanyClaim, CompanyRegistration, ProposedChange
from staff import dashboard
from staff.admin.options import MunicipalityContentAdmin
from staff.models import StaffRole

APPROVE, REJECT, CHANGES = "approve", "reject", "changes"


def _field_label(name: str) -> str:
    base, _sep, language = name.rpartition("_")
    if language in services.CONTENT_LANGUAGES and base in services.TRANSLATED_FIELDS:
        return f"{Organisation._meta.get_field(base).verbose_name} [{language}]"
    return str(Organisation._meta.get_field(name).verbose_name)


def _value(value) -> str:
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    if value is True:
        return gettext("Yes")
    if value is False:
        return gettext("No")
    return "" if value is None else str(value)


class DecisionForm(forms.ModelForm):
    """The moderator's decision; the message is required to refuse or send back."""

    decision = forms.ChoiceField(label=_("Decision"), required=False)
    message = forms.CharField(
        label=_("Message to the applicant"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "cols": 80}),
        help_text=_("Required to reject or to ask for changes. Sent by email in the applicant's language."),
    )
    decisions: list = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decision"].choices = [("", "—"), *self.decisions]

    def clean(self):
        cleaned = super().clean()
        decision = cleaned.get("decision")
        if decision in (REJECT, CHANGES) and not cleaned.get("message", "").strip():
            self.add_error("message", gettext("Tell the applicant why."))
        if decision in (APPROVE, "accept"):
            try:
                self.check_applicable()
            except ValidationError as error:
                messages_ = [f"{key}: {' '.join(value)}" for key, value in error.message_dict.items()]
                raise ValidationError(
                    gettext("It cannot be published as it is: %(problems)s") % {"problems": "; ".join(messages_)}
                ) from error
        return cleaned


class RegistrationDecisionForm(DecisionForm):
    decisions = [(APPROVE, _("Approve and publish")), (REJECT, _("Reject")), (CHANGES, _("Ask for changes"))]

    class Meta:
        model = CompanyRegistration
        fields = []

    def check_applicable(self):
        services.registration_check(registration=self.instance)


class ChangeDecisionForm(DecisionForm):
    decisions = [("accept", _("Accept and publish")), (REJECT, _("Reject"))]

    class Meta:
        model = ProposedChange
        fields = []

    def check_applicable(self):
        services.change_check(change=self.instance)


def replies_table(replies) -> str:
    """The applicant's answers, oldest first, as staff read them beside the application."""
    rows = [
        (formats.date_format(timezone.localtime(reply.created_at), "SHORT_DATETIME_FORMAT"), reply.text)
        for reply in replies
    ]
    if not rows:
        return "—"
    return format_html(
        "<table>{}</table>",
        format_html_join("", '<tr><th>{}</th><td style="white-space:pre-wrap">{}</td></tr>', rows),
    )


class ModerationAdmin(MunicipalityContentAdmin, admin.ModelAdmin):
    # Moderators only; nobody adds these in the admin: they come from the public site.
    role_permissions = {StaffRole.MODERATOR: ("view", "change", "delete")}
    date_hierarchy = "created_at"
    list_filter = ("status",)

    def has_add_permission(self, request):
        return False  # applications and proposals come from the public site

    def get_readonly_fields(self, request, obj=None):
        fields = [field for fieldset in self.fieldsets for field in fieldset[1]["fields"]]
        return [field for field in fields if field not in ("decision", "message")]

    def get_fieldsets(self, request, obj=None):
        if obj is not None and obj.status == obj.Status.PENDING:
            return [*self.fieldsets, (_("Decision"), {"fields": ("decision", "message")})]
        return self.fieldsets


@admin.register(CompanyRegistration)
class CompanyRegistrationAdmin(ModerationAdmin):
    municipality_lookup = "municipality"
    form = RegistrationDecisionForm
    list_display = ("name", "municipality", "status", "identifier", "created_at", "verified_at")
    list_select_related = ("municipality",)
    search_fields = ("name", "=eik", "=vat_number", "=pib", "=mb", "contact_email")
    fieldsets = (
        (None, {"fields": ("name", "municipality", "status", "created_at", "verified_at")}),
        (_("Company"), {"fields": ("company_table", "logo_preview", "photos_preview")}),
        (_("Applicant"), {"fields": ("contact_name", "contact_email", "contact_phone", "language", "consented_at")}),
        (_("Moderation"), {"fields": ("moderator_message", "decided_at", "decided_by", "organisation")}),
        (_("Answers of the applicant"), {"fields": ("replies",)}),
    )

    @admin.display(description=_("Answers of the applicant"))
    def replies(self, registration):
        return replies_table(registration.replies.all())

    @admin.display(description=_("Identifier"))
    def identifier(self, registration):
        return registration.eik or registration.pib or registration.mb

    @admin.display(description=_("Company data"))
    def company_table(self, registration):
        rows = [(_field_label(name), _value(value)) for name, value in registration.company.items() if value]
        return format_html("<table>{}</table>", format_html_join("", "<tr><th>{}</th><td>{}</td></tr>", rows))

    @admin.display(description=_("Logo"))
    def logo_preview(self, registration):
        if not registration.logo:
            return "—"
        return format_html('<img src="{}" alt="" style="max-width:160px">', registration.logo.url)

    @admin.display(description=_("Photos"))
    def photos_preview(self, registration):
        # Once approved, the photos are the organisation's.
        photos = (
            registration.organisation.company_photos.all()
            if registration.organisation_id
            else registration.photos.all()
        )
        return (
            format_html_join(" ", '<img src="{}" alt="" style="max-width:160px">', ((p.image.url,) for p in photos))
            or "—"
        )

    def save_model(self, request, obj, form, change):
        if not self.object_in_scope(request, obj):
            raise PermissionDenied
        decision, message = form.cleaned_data.get("decision"), form.cleaned_data.get("message", "")
        root = request.build_absolute_uri("/")
        if decision == APPROVE:
            services.registration_approve(registration=obj, by=request.user, site_root=root)
            self.message_user(
                request, gettext("Approved and published; the applicant was sent a link to set a password.")
            )
        elif decision == REJECT:
            services.registration_reject(registration=obj, by=request.user, reason=message)
            self.message_user(request, gettext("Rejected; the applicant was told the reason by email."))
        elif decision == CHANGES:
            services.registration_request_changes(registration=obj, by=request.user, message=message, site_root=root)
            self.message_user(
                request, gettext("Sent back; the applicant was asked by email to change the application.")
            )
        else:
            super().save_model(request, obj, form, change)
        obj.refresh_from_db()


@admin.register(ProposedChange)
class ProposedChangeAdmin(ModerationAdmin):
    municipality_lookup = "organisation__municipality"
    form = ChangeDecisionForm
    list_display = ("organisation", "status", "created_at", "decided_at")
    list_select_related = ("organisation",)
    search_fields = ("organisation__name_bg", "organisation__name_sr", "organisation__name_en")
    fieldsets = (
        (None, {"fields": ("organisation_link", "status", "created_at")}),
        (_("Changes"), {"fields": ("changes_table", "logo_preview")}),
        (_("Moderation"), {"fields": ("moderator_message", "decided_at", "decided_by")}),
    )

    @admin.display(description=_("Organisation"))
    def organisation_link(self, change):
        return format_html('<a href="{}">{}</a>', change.organisation.get_absolute_url(), change.organisation)

    @admin.display(description=_("What changes"))
    def changes_table(self, change):
        published = services.company_values(change.organisation, change.data.keys())
        rows = [(_field_label(name), _value(published[name]), _value(value)) for name, value in change.data.items()]
        header = format_html(
            "<tr><th>{}</th><th>{}</th><th>{}</th></tr>", gettext("Field"), gettext("Published"), gettext("Proposed")
        )
        return format_html(
            "<table>{}{}</table>", header, format_html_join("", "<tr><th>{}</th><td>{}</td><td>{}</td></tr>", rows)
        )

    @admin.display(description=_("New logo"))
    def logo_preview(self, change):
        if not change.logo:
            return "—"
        return format_html('<img src="{}" alt="" style="max-width:160px">', change.logo.url)

    def save_model(self, request, obj, form, change):
        if not self.object_in_scope(request, obj):
            raise PermissionDenied
        decision, message = form.cleaned_data.get("decision"), form.cleaned_data.get("message", "")
        if decision == "accept":
            services.change_accept(change=obj, by=request.user)
            self.message_user(request, gettext("Accepted; the profile now shows the change and the owner was told."))
        elif decision == REJECT:
            services.change_reject(change=obj, by=request.user, reason=message)
            self.message_user(request, gettext("Rejected; the owner was told the reason by email."))
        else:
            super().save_model(request, obj, form, change)
        obj.refresh_from_db()


def waiting_for_moderation(request) -> list[dashboard.DashboardItem]:
    """Applications and proposed changes of the user's municipality waiting for a decision (one query each)."""
    items = []
    for model, label in (
        (CompanyRegistration, _("Company registrations")),
        (ProposedChange, _("Changes proposed by companies")),
    ):
        model_admin = admin.site._registry[model]
        if model_admin.has_view_permission(request):
            count = model_admin.get_queryset(request).filter(status=model.Status.PENDING).count()
            opts = model._meta
            url = (
                reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
                + f"?status__exact={model.Status.PENDING}"
            )
            items.append(dashboard.DashboardItem(label, count, url))
    return items


dashboard.register_counter(dashboard.PENDING, waiting_for_moderation)


# --- Claims of existing entries -----------------------------------------------------------------

GRANT = "grant"


class ClaimDecisionForm(DecisionForm):
    decisions = [(GRANT, _("Grant: the claimant keeps the entry")), (REJECT, _("Refuse")), (CHANGES, _("Ask for more"))]

    class Meta:
        model = CompanyClaim
        fields = []

    def check_applicable(self):
        pass

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == GRANT and hasattr(self.instance.organisation, "owner"):
            raise ValidationError(gettext("This entry already has an owner."))
        return cleaned


@admin.register(CompanyClaim)
class CompanyClaimAdmin(ModerationAdmin):
    """Claims by document wait here for the staff of the entry's municipality; claims by e-mail are shown too."""

    municipality_lookup = "organisation__municipality"
    form = ClaimDecisionForm
    list_display = ("organisation", "contact_name", "method", "status", "created_at", "decided_at")
    list_filter = ("status", "method")
    list_select_related = ("organisation",)
    search_fields = ("organisation__name_bg", "organisation__name_sr", "organisation__name_en", "contact_email")
    fieldsets = (
        (None, {"fields": ("organisation_link", "status", "method", "created_at", "verified_at")}),
        (_("Proof"), {"fields": ("identifier_check", "document_link", "explanation", "address_on_record")}),
        (_("Claimant"), {"fields": ("contact_name", "contact_email", "contact_phone", "language", "consented_at")}),
        (_("Moderation"), {"fields": ("moderator_message", "decided_at", "decided_by", "owner")}),
        (_("Answers of the applicant"), {"fields": ("replies",)}),
    )

    def get_fieldsets(self, request, obj=None):
        if obj is not None and obj.status in (obj.Status.PENDING, obj.Status.CHANGES_REQUESTED):
            return [*self.fieldsets, (_("Decision"), {"fields": ("decision", "message")})]
        return self.fieldsets

    @admin.display(description=_("Answers of the applicant"))
    def replies(self, claim):
        return replies_table(claim.replies.all())

    @admin.display(description=_("Directory entry"))
    def organisation_link(self, claim):
        return format_html('<a href="{}">{}</a>', claim.organisation.get_absolute_url(), claim.organisation)

    @admin.display(description=_("Identifier given"))
    def identifier_check(self, claim):
        if not claim.identifier:
            return "—"
        matches = services.claim_identifier_matches(claim.organisation, claim.identifier)
        verdict = gettext("matches the entry") if matches else gettext("does not match the entry")
        return f"{claim.identifier} ({verdict})"

    @admin.display(description=_("Supporting document"))
    def document_link(self, claim):
        if not claim.document:
            return "—"
        url = reverse("admin:registrations_companyclaim_document", args=[claim.pk])
        return format_html('<a href="{}">{}</a>', url, claim.document_name)

    @admin.display(description=_("Address on record"))
    def address_on_record(self, claim):
        return claim.organisation.email or "—"

    def get_urls(self):
        return [
            path(
                "<int:pk>/document/",
                self.admin_site.admin_view(self.document_view),
                name="registrations_companyclaim_document",
            ),
            *super().get_urls(),
        ]

    def document_view(self, request, pk):
        """The supporting document, to staff who may see the claim only; downloaded, never shown inline."""
        claim = self.get_queryset(request).filter(pk=pk).first()
        if claim is None or not claim.document or not self.has_view_permission(request, claim):
            raise Http404
        response = FileResponse(claim.document.open("rb"), as_attachment=True, filename=claim.document_name)
        response["X-Content-Type-Options"] = "nosniff"
        response["Cache-Control"] = "private, no-store"
        return response

    def save_model(self, request, obj, form, change):
        if not self.object_in_scope(request, obj):
            raise PermissionDenied
        decision, message = form.cleaned_data.get("decision"), form.cleaned_data.get("message", "")
        root = request.build_absolute_uri("/")
        if decision == GRANT:
            services.claim_grant(claim=obj, by=request.user, site_root=root)
            self.message_user(
                request, gettext("Granted; the claimant keeps the entry, the other claims of it were closed.")
            )
        elif decision == REJECT:
            services.claim_refuse(claim=obj, by=request.user, reason=message, site_root=root)
            self.message_user(request, gettext("Refused; the claimant was told the reason by email."))
        elif decision == CHANGES:
            services.claim_request_more(claim=obj, by=request.user, message=message, site_root=root)
            self.message_user(request, gettext("Sent back; the claimant was asked by email for more."))
        else:
            super().save_model(request, obj, form, change)
        obj.refresh_from_db()

    def log_change(self, request, obj, message):
        # The admin's revision holds the decision's: its comment says what was decided, not "No fields changed".
        if obj.status != CompanyClaim.Status.PENDING:
            message = services.claim_decision_comment(obj)
        return super().log_change(request, obj, message)


CLAIMS = "claims"
dashboard.SECTIONS.setdefault(
    CLAIMS, dashboard.Section(CLAIMS, _("Claims of directory entries"), _("No claims of directory entries."))
)


def claims_queue(request) -> list[dashboard.DashboardItem]:
    """The claims of the user's municipality by state, in one aggregate query."""
    model_admin = admin.site._registry[CompanyClaim]
    if not model_admin.has_view_permission(request):
        return []
    states = (
        (CompanyClaim.Status.PENDING, _("Claims waiting for your decision")),
        (CompanyClaim.Status.CHANGES_REQUESTED, _("Claims waiting for the claimant's answer")),
        (CompanyClaim.Status.UNVERIFIED, _("Claims waiting for the confirmation by e-mail")),
    )
    counts = model_admin.get_queryset(request).aggregate(
        **{str(status): Count("pk", filter=Q(status=status)) for status, _label in states}
    )
    changelist = reverse("admin:registrations_companyclaim_changelist")
    return [
        dashboard.DashboardItem(label, counts[str(status)], f"{changelist}?status__exact={status}")
        for status, label in states
        if counts[str(status)] or status == CompanyClaim.Status.PENDING
    ]


dashboard.register_counter(CLAIMS, claims_queue)

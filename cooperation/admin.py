"""Moderation of the board by the moderators of the poster's municipality: approve or reject, with history."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin

from cooperation import services
from cooperation.models import CONTENT_LANGUAGES, TRANSLATED_FIELDS, Opportunity, Status
from search.admin import SearchIndexedAdminMixin
from staff import dashboard
from staff.admin.options import MunicipalityContentAdmin
from staff.models import StaffRole

APPROVE, REJECT = "approve", "reject"


def _field_label(name: str) -> str:
    base, _sep, language = name.rpartition("_")
    if language in CONTENT_LANGUAGES and base in TRANSLATED_FIELDS:
        return f"{Opportunity._meta.get_field(base).verbose_name} [{language}]"
    return str(Opportunity._meta.get_field(name).verbose_name)


def _display(name: str, value) -> str:
    field = Opportunity._meta.get_field(name.rpartition("_")[0] if name.startswith(TRANSLATED_FIELDS) else name)
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    return "" if value is None else str(value)


class DecisionForm(forms.ModelForm):
    """The moderator's decision on a new item or on an approved item's proposed changes."""

    decision = forms.ChoiceField(
        label=_("Decision"),
        required=False,
        choices=[("", "—"), (APPROVE, _("Approve and publish")), (REJECT, _("Reject"))],
    )
    message = forms.CharField(
        label=_("Message to the owner"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "cols": 80}),
        help_text=_("Required to reject. Sent by email in the owner's language."),
    )

    class Meta:
        model = Opportunity
        fields = []

    def clean(self):
        cleaned = super().clean()
        decision = cleaned.get("decision")
        if decision == REJECT and not cleaned.get("message", "").strip():
            self.add_error("message", gettext("Tell the owner why."))
        if decision == APPROVE and self.instance.pk:
            try:
                services.opportunity_check(opportunity=self.instance)
            except ValidationError as error:
                problems = [f"{key}: {' '.join(value)}" for key, value in error.message_dict.items()]
                raise ValidationError(
                    gettext("It cannot be published as it is: %(problems)s") % {"problems": "; ".join(problems)}
                ) from error
        return cleaned


class AwaitingDecisionFilter(admin.SimpleListFilter):
    title = _("moderation")
    parameter_name = "waiting"

    def lookups(self, request, model_admin):
        return [("yes", _("Waiting for a decision"))]

    def queryset(self, request, queryset):
        return queryset.awaiting_decision() if self.value() == "yes" else queryset


@admin.register(Opportunity)
class OpportunityAdmin(SearchIndexedAdminMixin, MunicipalityContentAdmin, TabbedTranslationAdmin):
    """Moderators see their municipality's items; they may correct or translate the text, and decide."""

    municipality_lookup = "organisation__municipality"
    role_permissions = {StaffRole.MODERATOR: ("view", "change", "delete")}
    form = DecisionForm
    list_display = (
        "title",
        "organisation",
        "kind",
        "cooperation_type",
        "status",
        "waiting",
        "expires_on",
        "published_at",
    )
    list_filter = (AwaitingDecisionFilter, "status", "kind", "cooperation_type", "nace_section")
    list_select_related = ("organisation",)
    search_fields = (
        "title_bg",
        "title_sr",
        "title_en",
        "organisation__name_bg",
        "organisation__name_sr",
        "organisation__name_en",
    )
    date_hierarchy = "created_at"
    actions = ["approve_selected", "reject_selected"]
    readonly_fields = (
        "organisation_link", "kind", "cooperation_type", "language", "nace_section", "nace_division", "seeks",
        "languages", "expires_on", "status", "changes_table", "created_at", "submitted_at", "published_at",
        "moderator_message", "decided_at", "decided_by", "reminded_at",
    )  # fmt: skip
    fieldsets = (
        (None, {"fields": ("organisation_link", "status", "kind", "cooperation_type", "language")}),
        (_("Text"), {"fields": ("title", "description")}),
        (_("Partners sought"), {"fields": ("nace_section", "nace_division", "seeks", "languages", "expires_on")}),
        (_("Moderation"), {"fields": (
            "created_at", "submitted_at", "published_at", "moderator_message", "decided_at", "decided_by",
            "reminded_at",
        )}),
    )  # fmt: skip

    def has_add_permission(self, request):
        return False  # items come from the owners' area

    def get_fieldsets(self, request, obj=None):
        fieldsets = list(super().get_fieldsets(request, obj))  # modeltranslation's, with a field per language
        if obj is not None and obj.has_proposed_changes:
            fieldsets.insert(1, (_("Changes proposed by the owner"), {"fields": ("changes_table",)}))
        if obj is not None and (obj.status == Status.PENDING or obj.has_proposed_changes):
            fieldsets.append((_("Decision"), {"fields": ("decision", "message")}))
        return fieldsets

    @admin.display(description=_("waiting"), boolean=True)
    def waiting(self, opportunity):
        return opportunity.status == Status.PENDING or opportunity.has_proposed_changes

    @admin.display(description=_("Company"))
    def organisation_link(self, opportunity):
        organisation = opportunity.organisation
        return format_html('<a href="{}">{}</a>', organisation.get_absolute_url(), organisation)

    @admin.display(description=_("What changes"))
    def changes_table(self, opportunity):
        published = services.owner_values(opportunity, opportunity.proposed.keys())
        rows = [
            (_field_label(name), _display(name, published[name]), _display(name, value))
            for name, value in opportunity.proposed.items()
        ]
        header = format_html(
            "<tr><th>{}</th><th>{}</th><th>{}</th></tr>", gettext("Field"), gettext("Published"), gettext("Proposed")
        )
        return format_html(
            "<table>{}{}</table>", header, format_html_join("", "<tr><th>{}</th><td>{}</td><td>{}</td></tr>", rows)
        )

    def save_model(self, request, obj, form, change):
        if not self.object_in_scope(request, obj):
            raise PermissionDenied
        super().save_model(request, obj, form, change)  # the moderator's corrections and translations
        decision, message = form.cleaned_data.get("decision"), form.cleaned_data.get("message", "")
        root = request.build_absolute_uri("/")
        if decision == APPROVE:
            services.opportunity_approve(opportunity=obj, by=request.user, site_root=root)
            self.message_user(request, gettext("Approved; the owner was told by email."))
        elif decision == REJECT:
            services.opportunity_reject(opportunity=obj, by=request.user, reason=message, site_root=root)
            self.message_user(request, gettext("Rejected; the owner was told the reason by email."))
        obj.refresh_from_db()

    @admin.action(description=_("Approve the selected items (and their proposed changes)"))
    def approve_selected(self, request, queryset):
        approved = failed = 0
        root = request.build_absolute_uri("/")
        for opportunity in queryset.awaiting_decision().select_related("organisation__municipality"):
            try:
                services.opportunity_check(opportunity=opportunity)
                services.opportunity_approve(opportunity=opportunity, by=request.user, site_root=root)
            except ValidationError:
                failed += 1
            else:
                approved += 1
        self.message_user(
            request,
            ngettext("%(count)d item approved.", "%(count)d items approved.", approved) % {"count": approved},
            messages.SUCCESS if not failed else messages.WARNING,
        )
        if failed:
            self.message_user(
                request,
                ngettext(
                    "%(count)d item could not be published as it is; open it to see why.",
                    "%(count)d items could not be published as they are; open them to see why.",
                    failed,
                )
                % {"count": failed},
                messages.WARNING,
            )

    @admin.action(description=_("Reject the selected items (and their proposed changes)"))
    def reject_selected(self, request, queryset):
        """Asks for the reason on a page of its own, then rejects with it."""
        waiting = queryset.awaiting_decision().select_related("organisation")
        reason = request.POST.get("reason", "").strip()
        if request.POST.get("confirm") == "yes" and reason:
            count = 0
            root = request.build_absolute_uri("/")
            for opportunity in waiting:
                services.opportunity_reject(opportunity=opportunity, by=request.user, reason=reason, site_root=root)
                count += 1
            self.message_user(
                request, ngettext("%(count)d item rejected.", "%(count)d items rejected.", count) % {"count": count}
            )
            return None
        return TemplateResponse(
            request,
            "admin/cooperation/opportunity/reject_selected.html",
            {
                **self.admin_site.each_context(request),
                "title": gettext("Reject the selected items"),
                "opts": self.model._meta,
                "opportunities": list(waiting),
                "missing_reason": request.POST.get("confirm") == "yes" and not reason,
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            },
        )


def waiting_for_moderation(request) -> list[dashboard.DashboardItem]:
    """Items of the user's municipality waiting for a decision (one query)."""
    model_admin = admin.site._registry[Opportunity]
    if not model_admin.has_view_permission(request):
        return []
    count = model_admin.get_queryset(request).awaiting_decision().count()
    url = reverse("admin:cooperation_opportunity_changelist") + "?waiting=yes"
    return [dashboard.DashboardItem(str(_("Cooperation offers and requests")), count, url)]


dashboard.register_counter(dashboard.PENDING, waiting_for_moderation)

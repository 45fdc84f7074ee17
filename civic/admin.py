from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin, TranslationTabularInline

from civic.forms import DocumentAdminForm, EnquiryReplyForm, EventAdminForm, NewsArticleAdminForm, PageAdminForm
from civic.models import (
    Document,
    Enquiry,
    EnquiryReply,
    Event,
    LifeSituation,
    MunicipalService,
    NewsArticle,
    Page,
    Partner,
    Programme,
    Project,
)
from civic.services import enquiry_reply
from core.models import PublicationStatus
from search.admin import SearchIndexedAdminMixin
from staff import dashboard
from staff.admin.options import GlobalContentAdmin, MunicipalityContentAdmin, MunicipalityScopedInlineMixin
from staff.models import StaffRole

PUBLICATION_FIELDSET = (_("Publication"), {"fields": ("status", "published_at")})
DRAFTS = {"status__exact": PublicationStatus.DRAFT}


@admin.register(Event)
class EventAdmin(SearchIndexedAdminMixin, MunicipalityContentAdmin, TabbedTranslationAdmin):
    municipality_lookup = "municipality"
    draft_filter = DRAFTS
    form = EventAdminForm
    list_display = ("title", "municipality", "starts_at", "timing", "schedule", "category", "status", "published_at")
    list_filter = ("status", "municipality", "direction", "category", "schedule")
    list_select_related = ("municipality", "direction")
    search_fields = ("title_bg", "title_sr", "title_en")
    prepopulated_fields = {"slug": ("title_en",)}
    date_hierarchy = "starts_at"
    fieldsets = (
        (None, {"fields": ("title", "slug", "summary", "description", "municipality", "direction", "category")}),
        (_("When"), {"fields": ("starts_at", "ends_at", "timing", "schedule", "recurrence_rule", "exception_dates")}),
        (_("Where and who"), {"fields": ("venue_name", "venue_address", "venue_url", "organiser", "organiser_url")}),
        (_("Admission"), {"fields": ("is_free", "price", "currency", "website")}),
        PUBLICATION_FIELDSET,
    )


@admin.register(NewsArticle)
class NewsArticleAdmin(SearchIndexedAdminMixin, MunicipalityContentAdmin, TabbedTranslationAdmin):
    # News of both municipalities (no municipality) is shared: portal administrators edit it.
    municipality_lookup = "municipality"
    draft_filter = DRAFTS
    form = NewsArticleAdminForm
    list_display = ("title", "municipality", "direction", "status", "published_at")
    list_filter = ("status", "municipality", "direction")
    list_select_related = ("municipality", "direction")
    search_fields = ("title_bg", "title_sr", "title_en")
    prepopulated_fields = {"slug": ("title_en",)}
    date_hierarchy = "published_at"


@admin.register(LifeSituation)
class LifeSituationAdmin(GlobalContentAdmin, TabbedTranslationAdmin):
    # One list of life situations groups the services of both municipalities.
    list_display = ("name", "slug", "order")
    prepopulated_fields = {"slug": ("name_en",)}


@admin.register(MunicipalService)
class MunicipalServiceAdmin(SearchIndexedAdminMixin, MunicipalityContentAdmin, TabbedTranslationAdmin):
    municipality_lookup = "municipality"
    draft_filter = DRAFTS
    list_display = ("title", "municipality", "is_free", "fee", "fee_currency", "status")
    list_filter = ("status", "municipality", "life_situations")
    list_select_related = ("municipality",)
    search_fields = ("title_bg", "title_sr", "title_en")
    prepopulated_fields = {"slug": ("title_en",)}
    filter_horizontal = ("life_situations",)


@admin.register(Document)
class DocumentAdmin(SearchIndexedAdminMixin, MunicipalityContentAdmin, TabbedTranslationAdmin):
    # Joint documents (no municipality) are shared: portal administrators edit them.
    municipality_lookup = "municipality"
    draft_filter = DRAFTS
    form = DocumentAdminForm
    list_display = ("title", "kind", "municipality", "language", "document_date", "file_format", "status")
    list_filter = ("status", "kind", "municipality", "language")
    list_select_related = ("municipality",)
    search_fields = ("title_bg", "title_sr", "title_en")
    prepopulated_fields = {"slug": ("title_en",)}
    readonly_fields = ("file_format", "file_size")
    autocomplete_fields = ("project",)


@admin.register(Programme)
class ProgrammeAdmin(GlobalContentAdmin, TabbedTranslationAdmin):
    # A cooperation programme spans both countries; projects of either municipality name it.
    list_display = ("name", "first_year", "last_year")
    search_fields = ("name_bg", "name_sr", "name_en")


class PartnerInline(MunicipalityScopedInlineMixin, TranslationTabularInline):
    # TODO lives in docs/CIVIC.md: a link to directory.Organisation arrives with the directory app.
    model = Partner
    municipality_lookup = "project__municipalities"
    extra = 1


@admin.register(Project)
class ProjectAdmin(SearchIndexedAdminMixin, MunicipalityContentAdmin, TabbedTranslationAdmin):
    # A project of one municipality is its staff's; a project of both (or of none) is shared,
    # and portal administrators edit it. Documents of either municipality may still name it.
    municipality_lookup = "municipalities"
    draft_filter = DRAFTS
    list_display = ("title", "acronym", "code", "programme", "starts_on", "ends_on", "status")
    # "status" here is the publication status; the project's progress follows from its dates.
    list_filter = ("status", "programme", "municipalities")
    list_select_related = ("programme",)
    search_fields = ("title_bg", "title_sr", "title_en", "acronym", "code")
    prepopulated_fields = {"slug": ("title_en",)}
    filter_horizontal = ("municipalities",)
    inlines = [PartnerInline]


@admin.register(Page)
class PageAdmin(SearchIndexedAdminMixin, MunicipalityContentAdmin, TabbedTranslationAdmin):
    # Pages of the whole portal (no municipality) are shared: portal administrators edit them.
    municipality_lookup = "municipality"
    draft_filter = DRAFTS
    form = PageAdminForm
    list_display = ("title", "kind", "municipality", "status", "published_at")
    list_filter = ("kind", "municipality", "status")
    list_select_related = ("municipality",)
    prepopulated_fields = {"slug": ("title_en",)}


class EnquiryReplyInline(MunicipalityScopedInlineMixin, admin.TabularInline):
    model = EnquiryReply
    municipality_lookup = "enquiry__centre__municipality"
    extra = 0
    can_delete = False
    fields = ("sent_at", "sent_by", "body")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Enquiry)
class EnquiryAdmin(MunicipalityContentAdmin, admin.ModelAdmin):
    """The centres' inbox. Staff answer from here; the answer goes out by email.

    Each centre sees only the enquiries sent to it. Its editors read them; its moderators,
    who handle what the public sends in, answer, close and delete them (docs/STAFF.md).
    """

    municipality_lookup = "centre__municipality"
    role_permissions = {
        StaffRole.EDITOR: ("view",),
        StaffRole.MODERATOR: ("view", "change", "delete"),
    }

    list_display = ("reference", "centre", "subject", "name", "language", "status", "created_at", "reply_link")
    list_filter = ("status", "centre", "language")
    list_select_related = ("centre",)
    search_fields = ("reference", "name", "email", "subject")
    readonly_fields = ("reference", "centre", "name", "email", "subject", "message", "language", "created_at")
    fields = (*readonly_fields, "status")
    inlines = [EnquiryReplyInline]
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def get_list_display(self, request):
        list_display = super().get_list_display(request)
        if not self.has_change_permission(request):
            list_display = tuple(name for name in list_display if name != "reply_link")
        return list_display

    @admin.display(description=_("Answer"))
    def reply_link(self, enquiry):
        url = reverse("admin:civic_enquiry_reply", args=[enquiry.pk])
        return format_html('<a href="{}">{}</a>', url, gettext("Answer by email"))

    def get_urls(self):
        reply = path("<path:object_id>/reply/", self.admin_site.admin_view(self.reply_view), name="civic_enquiry_reply")
        return [reply, *super().get_urls()]

    def reply_view(self, request, object_id):
        enquiry = get_object_or_404(self.get_queryset(request), pk=unquote(object_id))
        if not self.has_change_permission(request, enquiry):
            raise PermissionDenied
        form = EnquiryReplyForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            enquiry_reply(enquiry=enquiry, body=form.cleaned_data["body"], by=request.user)
            self.message_user(
                request, gettext("The answer was sent to %(email)s.") % {"email": enquiry.email}, messages.SUCCESS
            )
            return redirect("admin:civic_enquiry_change", enquiry.pk)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "enquiry": enquiry,
            "form": form,
            "title": gettext("Answer %(reference)s") % {"reference": enquiry.reference},
        }
        return TemplateResponse(request, "admin/civic/enquiry/reply.html", context)


def new_enquiries(request) -> list[dashboard.DashboardItem]:
    """Citizens' enquiries to the user's centre not answered yet (one query)."""
    model_admin = admin.site._registry[Enquiry]
    if not model_admin.has_view_permission(request):
        return []
    count = model_admin.get_queryset(request).filter(status=Enquiry.Status.NEW).count()
    if not count:
        return []
    url = reverse("admin:civic_enquiry_changelist") + f"?status__exact={Enquiry.Status.NEW}"
    return [dashboard.DashboardItem(str(_("New enquiries")), count, url)]


dashboard.register_counter(dashboard.ENQUIRIES, new_enquiries)

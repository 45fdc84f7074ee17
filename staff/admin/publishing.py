"""Preview, share links and the review step in the admin of publishable content (docs/STAFF.md).

For a model built on ``core.models.Publishable``:

- "View on site" opens the preview page of an entry that is not public yet (a draft, a
  scheduled or archived entry), instead of the public address, which answers 404 for it; the
  change form links the preview in each language;
- "Share a preview" (``<id>/share/``) makes a signed link that opens the preview without an
  account until it expires, and revokes an entry's links (``staff.preview``);
- "Review" (``<id>/review/``): where the municipality turned the review step on, its editors
  submit a draft instead of publishing it, and a moderator publishes it or sends it back with a
  comment (``staff.services.review_*``). The editors' forms, list edits and bulk actions refuse
  to publish, so no route around the step is left.
"""

from contextlib import nullcontext

from django import forms
from django.contrib import messages
from django.contrib.admin.utils import quote, unquote
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.models import VISIBLE_STATUSES, Publishable, ReviewState
from staff.preview import share_link_create, share_links_revoke, shared_preview_of
from staff.roles import may_review, publishing_needs_review
from staff.services import review_publish, review_send_back, review_submit

# The languages a preview is shown in: the site's, Serbian Latin included (it is generated),
# each named in itself (marked with its ``lang`` in the templates).
PREVIEW_LANGUAGES = (("bg", "български"), ("sr", "српски"), ("sr-latn", "srpski (latinica)"), ("en", "English"))
LANGUAGE_TAGS = {"bg": "bg", "sr": "sr-Cyrl", "sr-latn": "sr-Latn", "en": "en"}


def preview_path(obj, language: str | None = None) -> str:
    """The address of ``obj``'s preview page for staff, in ``language`` (the active one by default)."""
    content_type = ContentType.objects.get_for_model(obj, for_concrete_model=False)
    with translation.override(language or translation.get_language()):
        return reverse("portal:preview", kwargs={"content_type_id": content_type.pk, "object_id": obj.pk})


def shared_preview_path(token: str, language: str) -> str:
    with translation.override(language):
        return reverse("portal:preview-shared", kwargs={"token": token})


class SendBackForm(forms.Form):
    comment = forms.CharField(
        label=_("What should change"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=2000,
    )


class PublishingAdminMixin:
    """Preview, share links and the review step for an admin of a ``Publishable`` model (else inert)."""

    @property
    def is_publishable(self) -> bool:
        return issubclass(self.model, Publishable)

    # --- "View on site" and the change form's links -------------------------------------------

    def view_on_site(self, obj):
        if self.is_publishable and not obj.is_public:
            return preview_path(obj)
        if not hasattr(obj, "get_absolute_url"):
            return None
        content_type = ContentType.objects.get_for_model(obj, for_concrete_model=False)
        return reverse("admin:view_on_site", kwargs={"content_type_id": content_type.pk, "object_id": obj.pk})

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = extra_context or {}
        if self.is_publishable:
            obj = self.get_object(request, unquote(object_id))
            if obj is not None:
                extra_context["publishing"] = self._publishing_links(obj)
        return super().change_view(request, object_id, form_url, extra_context)

    def _route(self, name: str) -> str:
        opts = self.model._meta
        return f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_{name}"

    def _publishing_links(self, obj) -> dict:
        return {
            "previews": [
                {"tag": LANGUAGE_TAGS[code], "label": label, "url": preview_path(obj, code)}
                for code, label in PREVIEW_LANGUAGES
            ],
            "preview_url": preview_path(obj),
            "review_url": reverse(self._route("review"), args=[quote(obj.pk)]),
            "share_url": reverse(self._route("share"), args=[quote(obj.pk)]),
            "review_state": obj.review_state,
            "review_state_label": obj.get_review_state_display(),
        }

    # --- Editors of a municipality with the review step do not publish -------------------------

    def _review_guarded(self, request, form_class):
        if not self.is_publishable or not publishing_needs_review(request.user):
            return form_class

        class ReviewGuardedForm(form_class):
            def clean(self):
                cleaned = super().clean()
                status = cleaned.get("status")
                # self.instance still holds the stored state here (the form's values go on it after clean()).
                if status in VISIBLE_STATUSES and self.instance.status not in VISIBLE_STATUSES:
                    self.add_error(
                        "status" if "status" in self.fields else None,
                        gettext(
                            "Your municipality publishes after a review: keep the entry a draft and submit it "
                            "for review."
                        ),
                    )
                return cleaned

        return ReviewGuardedForm

    def get_form(self, request, obj=None, change=False, **kwargs):
        return self._review_guarded(request, super().get_form(request, obj, change, **kwargs))

    def get_changelist_form(self, request, **kwargs):
        return self._review_guarded(request, super().get_changelist_form(request, **kwargs))

    def get_actions(self, request):
        actions = super().get_actions(request)
        if self.is_publishable and publishing_needs_review(request.user):
            actions.pop("publish", None)
        return actions

    def get_list_filter(self, request):
        list_filter = tuple(super().get_list_filter(request))
        if self.is_publishable and "review_state" not in list_filter:
            list_filter = (*list_filter, "review_state")
        return list_filter

    def save_model(self, request, obj, form, change):
        # Published from the form by whoever may (a moderator, an administrator): the review is over.
        if self.is_publishable and obj.status in VISIBLE_STATUSES and obj.review_state == ReviewState.SUBMITTED:
            obj.review_state = ReviewState.NONE
        super().save_model(request, obj, form, change)

    # --- The review and share pages -----------------------------------------------------------

    def get_urls(self):
        if not self.is_publishable:
            return super().get_urls()
        opts = self.model._meta
        name = f"{opts.app_label}_{opts.model_name}"
        return [
            path("<path:object_id>/review/", self.admin_site.admin_view(self.review_view), name=f"{name}_review"),
            path("<path:object_id>/share/", self.admin_site.admin_view(self.share_view), name=f"{name}_share"),
            *super().get_urls(),
        ]

    def _changeable(self, request, object_id):
        obj = get_object_or_404(self.get_queryset(request), pk=unquote(object_id))
        if not self.has_change_permission(request, obj):
            raise PermissionDenied
        return obj

    def _page(self, request, obj, template: str, title: str, **context) -> TemplateResponse:
        request.current_app = self.admin_site.name
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": obj,
            "title": title,
            "change_url": reverse(self._route("change"), args=[quote(obj.pk)]),
            "publishing": self._publishing_links(obj),
            **context,
        }
        return TemplateResponse(request, template, context)

    def review_view(self, request, object_id):
        obj = self._changeable(request, object_id)
        reviewer = may_review(request.user, obj, self.municipality_lookup)
        form = SendBackForm(request.POST or None)
        if request.method == "POST":
            action = request.POST.get("action")
            try:
                if action == "submit":
                    review_submit(obj=obj, by=request.user, site_root=request.build_absolute_uri("/"))
                    done = gettext("Submitted for review: it waits on the dashboard of the municipality's moderators.")
                elif action == "publish" and reviewer:
                    with self._reindexed(obj):
                        review_publish(obj=obj, by=request.user)
                    done = gettext("Published.") if obj.is_public else gettext("Scheduled for its publication time.")
                elif action == "send_back" and reviewer and form.is_valid():
                    review_send_back(
                        obj=obj,
                        by=request.user,
                        comment=form.cleaned_data["comment"],
                        site_root=request.build_absolute_uri("/"),
                    )
                    done = gettext("Sent back to the editors with your comment.")
                elif action in ("publish", "send_back") and not reviewer:
                    raise PermissionDenied
                else:
                    done = None
            except ValidationError as error:
                if hasattr(error, "error_dict"):
                    for field, errors in error.message_dict.items():
                        form.add_error(field if field in form.fields else None, errors)
                else:
                    form.add_error(None, error)
                done = None
            if done is not None:
                self.message_user(request, done, messages.SUCCESS)
                return redirect(self._route("change"), quote(obj.pk))
        return self._page(
            request,
            obj,
            "admin/staff/review.html",
            gettext("Review of %(entry)s") % {"entry": obj},
            form=form,
            reviewer=reviewer,
            may_submit=obj.status not in VISIBLE_STATUSES and obj.review_state != ReviewState.SUBMITTED,
            review_required=publishing_needs_review(request.user),
        )

    def _reindexed(self, obj):
        """Search follows the publication where the admin keeps an index (``search_reindexed``)."""
        reindexed = getattr(self, "search_reindexed", None)
        if reindexed is None:
            return nullcontext()
        return reindexed(self.model._base_manager.filter(pk=obj.pk))

    def share_view(self, request, object_id):
        obj = self._changeable(request, object_id)
        links = []
        expires_at = None
        if request.method == "POST":
            if request.POST.get("action") == "revoke":
                share_links_revoke(obj=obj, by=request.user)
                self.message_user(
                    request, gettext("Every share link made so far no longer opens the preview."), messages.SUCCESS
                )
                return redirect(self._route("share"), quote(obj.pk))
            if request.POST.get("action") == "create":
                link = share_link_create(obj=obj, by=request.user)
                expires_at = link.expires_at
                links = [
                    {
                        "tag": LANGUAGE_TAGS[code],
                        "label": label,
                        "url": request.build_absolute_uri(shared_preview_path(link.token, code)),
                    }
                    for code, label in PREVIEW_LANGUAGES
                ]
        shared = shared_preview_of(obj)
        response = self._page(
            request,
            obj,
            "admin/staff/share.html",
            gettext("Share a preview of %(entry)s") % {"entry": obj},
            links=links,
            expires_at=expires_at,
            revoked_at=shared.revoked_at if shared else None,
        )
        response["Cache-Control"] = "private, no-store"
        return response

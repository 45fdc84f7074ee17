"""Version history in the admin: django-reversion's VersionAdmin, scoped and with readable diffs.

VersionAdmin records a revision for every admin write (add, change, revert, recover, list
edits and actions) and adds history, revert and "recover deleted" views. Its revert and
recover views look a version up by id alone and revert the version's whole revision, so
here they first check that the object and every row in that revision belong to the
user's municipality.
"""

import reversion
from django.contrib.admin.utils import quote, unquote
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from reversion.admin import VersionAdmin
from reversion.models import Version

from staff.admin.scoping import MunicipalityScopedInlineMixin, in_scope
from staff.history import revision_action, version_changes
from staff.roles import staff_scope


def _version_in_scope(user, version, lookup: str) -> bool:
    """Whether the row as ``version`` recorded it (many-to-many values included) is ``user``'s."""
    recorded = version._object_version
    return in_scope(user, recorded.object, lookup, m2m_data=recorded.m2m_data)


class HistoryAdminMixin(VersionAdmin):
    object_history_template = "admin/staff/object_history.html"
    history_latest_first = True

    # django-reversion stores a revision's comment as the change message rendered in the saver's
    # language ("Changed Address [bg]."); keep Django's structured message instead, which each
    # reader's page renders in theirs (``staff.history.revision_action``, ``Revision.get_comment``).
    def log_addition(self, request, obj, message):
        return self._comment_with(super().log_addition(request, obj, message))

    def log_change(self, request, obj, message):
        return self._comment_with(super().log_change(request, obj, message))

    @staticmethod
    def _comment_with(entry):
        if entry is not None and reversion.is_active():
            reversion.set_comment(entry.change_message)
        return entry

    def _lookup_for(self, model) -> str | None:
        """How rows of ``model`` (this admin's, another admin's or an inline's) reach a municipality."""
        model_admin = self.admin_site._registry.get(model)
        if model_admin is not None:
            return getattr(model_admin, "municipality_lookup", None)
        for inline in self.inlines:
            if inline.model is model and issubclass(inline, MunicipalityScopedInlineMixin):
                return inline.municipality_lookup
        return None

    def revision_in_scope(self, request, revision) -> bool:
        """Whether every row a revert of ``revision`` would write belongs to the user's municipality."""
        if staff_scope(request.user).everything:
            return True
        for version in revision.version_set.select_related("content_type"):
            model = version.content_type.model_class()
            lookup = self._lookup_for(model) if model else None
            if lookup is None:
                return False
            if not _version_in_scope(request.user, version, lookup):
                return False
            current = model._base_manager.filter(pk=version.object_id).first()
            if current is not None and not in_scope(request.user, current, lookup):
                return False
        return True

    def revision_view(self, request, object_id, version_id, extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            return self._get_obj_does_not_exist_redirect(request, self.model._meta, object_id)
        version = get_object_or_404(Version.objects.get_for_object(obj), pk=version_id)
        allowed = (
            self.has_change_permission(request, obj)
            if request.method == "POST"
            else self.has_view_or_change_permission(request, obj)
        )
        if not allowed or not self.revision_in_scope(request, version.revision):
            raise PermissionDenied
        return super().revision_view(request, object_id, version_id, extra_context)

    def recover_view(self, request, version_id, extra_context=None):
        # Only a deleted row of this model can be recovered here, and only into the user's municipality.
        version = get_object_or_404(Version.objects.get_deleted(self.model), pk=version_id)
        if not self.has_add_permission(request) or not self.revision_in_scope(request, version.revision):
            raise PermissionDenied
        return super().recover_view(request, version_id, extra_context)

    def recoverlist_view(self, request, extra_context=None):
        if not self.has_change_permission(request) or not self.has_add_permission(request):
            raise PermissionDenied
        opts = self.model._meta
        deleted = self._reversion_order_version_queryset(
            request, Version.objects.get_deleted(self.model).select_related("revision")
        )
        lookup = getattr(self, "municipality_lookup", None)
        if not staff_scope(request.user).everything:
            deleted = [version for version in deleted if lookup and _version_in_scope(request.user, version, lookup)]
        request.current_app = self.admin_site.name
        context = {
            **self.admin_site.each_context(request),
            "opts": opts,
            "app_label": opts.app_label,
            "module_name": capfirst(opts.verbose_name),
            "title": _("Recover deleted %(name)s") % {"name": opts.verbose_name_plural},
            "deleted": deleted,
            **(extra_context or {}),
        }
        return render(
            request, self.recover_list_template or self._reversion_get_template_list("recover_list.html"), context
        )

    def extra_history_entries(self, request, obj) -> list[dict]:
        """Changes recorded outside django-reversion's versions (bulk imports), as history entries.

        Each: ``revision`` (its date, user and comment), ``changes`` (``FieldChange`` list),
        ``url`` and an optional ``note``.
        """
        return []

    def history_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            return self._get_obj_does_not_exist_redirect(request, self.model._meta, object_id)
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        versions = list(Version.objects.get_for_object(obj).select_related("revision__user").order_by("pk"))
        opts = self.model._meta
        entries = [
            {
                "revision": version.revision,
                "action": revision_action(version.revision),
                "changes": changes,
                "url": reverse(
                    f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_revision",
                    args=(quote(version.object_id), version.pk),
                ),
            }
            for version, changes in zip(versions, version_changes(versions), strict=True)
        ]
        entries.reverse()
        entries = sorted(  # stable: versions of the same moment stay newest first
            [*entries, *self.extra_history_entries(request, obj)],
            key=lambda entry: entry["revision"].date_created,
            reverse=True,
        )
        # Skip VersionAdmin's own list: the entries above carry the same revisions with their diffs.
        return super(VersionAdmin, self).history_view(
            request, object_id, {"history_entries": entries, **(extra_context or {})}
        )

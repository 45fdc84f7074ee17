"""No lost updates: the second of two staff members saving the same entry is told, and shown why.

The change form carries a signed snapshot of the stored values it was built from (the
entry's fields and its inline rows). On save, inside the admin's transaction, the stored
row is locked and compared with that snapshot: when someone else saved in between, the
form is shown again with an error naming who and when, a table of what they changed, and
the user's own edits still in the fields. Saving again then is a deliberate choice.

Comparing values rather than a version counter catches every writer (another admin form,
a service, an import, the shell) without a schema change: adoption is one mixin.
"""

from dataclasses import dataclass

from django import forms
from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from portal.history import FieldChange, field_changes, latest_version
from portal.translation_status import translated_fields

TOKEN_FIELD = "_conflict_token"  # noqa: S105  (a form field name, not a secret)
# The same, on each row form of a change list's list editing (prefixed "form-0-…").
ROW_TOKEN_FIELD = "conflict_token"  # noqa: S105
SALT = "portal.admin.conflicts"


def _compared_fields(model) -> list:
    """The stored columns a snapshot compares: all but modeltranslation's untranslated mirrors.

    A mirror duplicates one language's column and reads as the *active* language's value, so
    comparing it would report a change twice, or a change that is none when the form was
    opened in one admin language and saved in another.
    """
    mirrors = set(translated_fields(model))
    return [field for field in model._meta.concrete_fields if field.name not in mirrors]


def _values(obj) -> dict[str, str]:
    # None and "" read the same to staff (an empty translation is stored either way).
    return {
        field.attname: "" if field.value_from_object(obj) is None else field.value_to_string(obj)
        for field in _compared_fields(type(obj))
    }


def _inline_lookup(formset, obj) -> dict:
    """The filter that selects ``obj``'s rows of an inline: by foreign key, or by content type
    and object id for a generic inline (media_library's AttachedAlbumsInline)."""
    if hasattr(formset, "fk"):
        return {formset.fk.name: obj}
    content_type = ContentType.objects.get_for_model(obj, for_concrete_model=formset.for_concrete_model)
    return {formset.ct_field.name: content_type, formset.ct_fk_field.name: obj.pk}


@dataclass
class Conflict:
    message: str
    changes: list[FieldChange]
    token: str


def row_token(obj) -> str:
    """The token of one change list row: its stored values when the list was shown."""
    return signing.dumps({"": {str(obj.pk): _values(obj)}}, salt=SALT, compress=True)


class ConflictAdminMixin:
    """Refuse a save that would overwrite changes made since the form was opened.

    List editing too: each row of the change list carries its own token (rendered by
    ``admin/staff/change_list.html``), and a row that would be written is compared with it.
    """

    change_list_template = "admin/staff/change_list.html"

    def _snapshot(self, request, obj) -> dict:
        """The stored values of ``obj`` and of its inline rows, locked until the transaction ends."""
        stored = type(obj)._base_manager.select_for_update().get(pk=obj.pk)
        snapshot = {"": {str(obj.pk): _values(stored)}}
        for formset, inline in self.get_formsets_with_inlines(request, obj):
            rows = inline.get_queryset(request).filter(**_inline_lookup(formset, obj)).select_for_update(of=("self",))
            snapshot[inline.model._meta.label] = {str(row.pk): _values(row) for row in rows}
        return snapshot

    def _inline_models(self, request, obj):
        return {inline.model._meta.label: inline.model for inline in self.get_inline_instances(request, obj)}

    def conflict_token(self, snapshot: dict) -> str:
        return signing.dumps(snapshot, salt=SALT, compress=True)

    def check_conflict(self, request, obj, token: str | None, current: dict | None = None) -> Conflict | None:
        """``current``: the stored values compared (default: the entry and its inline rows, locked)."""
        if current is None:
            current = self._snapshot(request, obj)
        try:
            loaded = signing.loads(token or "", salt=SALT)
        except signing.BadSignature:
            return Conflict(
                message=_("This form is incomplete or out of date. Check the values shown and save again."),
                changes=[],
                token=self.conflict_token(current),
            )
        if loaded == current:
            return None
        models = {"": type(obj), **self._inline_models(request, obj)}
        changes = []
        for key, rows in current.items():
            model = models.get(key)
            if model is None:
                continue
            before_rows = loaded.get(key, {})
            for pk in sorted(set(rows) | set(before_rows)):
                for change in field_changes(model, _typed(model, before_rows.get(pk)), _typed(model, rows.get(pk))):
                    if key:
                        change = FieldChange(
                            label=f"{model._meta.verbose_name}: {change.label}", old=change.old, new=change.new
                        )
                    changes.append(change)
        version = latest_version(obj)
        if version is not None and version.revision.user is not None:
            message = _(
                "%(user)s saved this entry at %(time)s, after you opened it. Their values are listed below; "
                "your edits are still in the form. Check both and save again to keep yours."
            ) % {
                "user": version.revision.user.get_full_name() or version.revision.user.get_username(),
                "time": date_format(timezone.localtime(version.revision.date_created), "DATETIME_FORMAT"),
            }
        else:
            message = _(
                "Someone else changed this entry after you opened it. Their values are listed below; "
                "your edits are still in the form. Check both and save again to keep yours."
            )
        return Conflict(message=message, changes=changes, token=self.conflict_token(current))

    def get_form(self, request, obj=None, change=False, **kwargs):
        form_class = super().get_form(request, obj, change=change, **kwargs)
        if obj is None or request.method != "POST":
            return form_class
        model_admin = self

        class ConflictCheckedForm(form_class):
            conflict = None

            def clean(self):
                cleaned_data = super().clean()
                self.conflict = model_admin.check_conflict(request, obj, self.data.get(TOKEN_FIELD))
                if self.conflict is not None:
                    raise ValidationError(self.conflict.message, code="conflict")
                return cleaned_data

        return ConflictCheckedForm

    def get_changelist_form(self, request, **kwargs):
        form_class = super().get_changelist_form(request, **kwargs)
        model_admin = self

        class ConflictCheckedRowForm(form_class):
            """A row of list editing: written only if nobody changed the row since the list was shown."""

            conflict = None

            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                token = row_token(self.instance) if self.instance.pk is not None else ""
                self.fields[ROW_TOKEN_FIELD] = forms.CharField(widget=forms.HiddenInput, required=False, initial=token)

            def has_changed(self):
                # A row is written when the user changed one of its fields; its token alone does not count.
                return any(name != ROW_TOKEN_FIELD for name in self.changed_data)

            def clean(self):
                cleaned_data = super().clean()
                if not self.has_changed():
                    return cleaned_data
                stored = type(self.instance)._base_manager.select_for_update().get(pk=self.instance.pk)
                token_name = self.add_prefix(ROW_TOKEN_FIELD)
                current = {"": {str(stored.pk): _values(stored)}}
                self.conflict = model_admin.check_conflict(request, stored, self.data.get(token_name), current)
                if self.conflict is not None:
                    # Shown again with the current token: saving once more is a deliberate choice.
                    self.data = self.data.copy()
                    self.data[token_name] = self.conflict.token
                    changes = [f"{change.label}: {change.old} → {change.new}" for change in self.conflict.changes]
                    raise ValidationError(" ".join([self.conflict.message, *changes]), code="conflict")
                return cleaned_data

        return ConflictCheckedRowForm

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if change and obj is not None and obj.pk is not None:
            conflict = getattr(context["adminform"].form, "conflict", None)
            if conflict is not None:
                context.update(conflict=conflict, conflict_token=conflict.token)
            elif request.method == "POST" and request.POST.get(TOKEN_FIELD):
                # Invalid for another reason: keep comparing with what the user first loaded.
                context["conflict_token"] = request.POST[TOKEN_FIELD]
            else:
                context["conflict_token"] = self.conflict_token(self._snapshot(request, obj))
        return super().render_change_form(request, context, add=add, change=change, form_url=form_url, obj=obj)


def _typed(model, values: dict | None) -> dict:
    """String snapshot values back to Python values, so that diffs read like the history's."""
    if values is None:
        return {}
    result = {}
    for field in _compared_fields(model):
        raw = values.get(field.attname) or None
        result[field.attname] = None if raw is None else field.to_python(raw)
    return result

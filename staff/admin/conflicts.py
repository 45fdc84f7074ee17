"""No lost updates: two staff members saving the same entry never overwrite each other's changes.

The change form carries a signed snapshot of the stored values it was built from (the
entry's fields and its inline rows). On save, inside the admin's transaction, the stored
rows are locked and each field is merged from three versions: the snapshot, the stored
value and the submitted value.

- Only someone else changed it since (stored ≠ snapshot, submitted = snapshot): their stored
  value is kept, silently; the form's stale value is replaced by it.
- Only the user changed it: the user's value is saved.
- Both changed it, to different values: a real conflict. The form is shown again listing only
  those fields (who saved, when, their value and yours), with the user's values still in the
  fields and a new snapshot of the stored state: saving again writes the user's values for
  those fields, and merges any further change by anyone else field by field once more.
- Both changed it to the same value: nothing to decide.

After a save that kept someone else's values the user is told which. The columns compared
are the stored ones, each of modeltranslation's language columns on its own; the untranslated
mirror is left out (it reads as the *active* language, so a form opened in one admin language
and saved in another would otherwise look changed). List editing in the change list does the
same row by row, each row carrying its own token.

Comparing values rather than a version counter catches every writer (another admin form,
a service, an import, the shell) without a schema change: adoption is one mixin.
"""

import dataclasses
import datetime
from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.contrib.admin.widgets import RelatedFieldWidgetWrapper
from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from core.translation_status import translated_fields
from staff.history import field_changes, latest_version

TOKEN_FIELD = "_conflict_token"  # noqa: S105  (a form field name, not a secret)
# The same, on each row form of a change list's list editing (prefixed "form-0-…").
ROW_TOKEN_FIELD = "conflict_token"  # noqa: S105
# The name this module had when the tokens in open forms were signed.
SALT = "portal.admin.conflicts"
# Where one save's merge of the change form and its inlines is kept for the rest of the request.
_SAVE_ATTRIBUTE = "_conflict_save"


def _compared_fields(model) -> list:
    """The stored columns a snapshot compares: all but modeltranslation's untranslated mirrors.

    A mirror duplicates one language's column and reads as the *active* language's value, so
    comparing it would report a change twice, or a change that is none when the form was
    opened in one admin language and saved in another.
    """
    mirrors = set(translated_fields(model))
    return [field for field in model._meta.concrete_fields if field.name not in mirrors]


def _string(field, obj) -> str:
    """A stored value as the snapshot holds it, at the precision a form can express.

    None and "" read the same to staff (an empty translation is stored either way). Dates
    with times, and times, count whole seconds: the admin's widgets drop microseconds, so a
    save that only truncated them changed nothing anybody chose, and must read as no change.
    """
    value = field.value_from_object(obj)
    if value is None:
        return ""
    if isinstance(value, datetime.datetime | datetime.time) and value.microsecond:
        return value.replace(microsecond=0).isoformat()
    return field.value_to_string(obj)


def _values(obj) -> dict[str, str]:
    return {field.attname: _string(field, obj) for field in _compared_fields(type(obj))}


def _typed(model, values: dict | None) -> dict:
    """String snapshot values back to Python values, as a form's initial data or a diff reads them."""
    if values is None:
        return {}
    result = {}
    for field in _compared_fields(model):
        raw = values.get(field.attname) or None
        result[field.attname] = None if raw is None else field.to_python(raw)
    return result


def _inline_lookup(formset, obj) -> dict:
    """The filter that selects ``obj``'s rows of an inline: by foreign key, or by content type
    and object id for a generic inline (media_library's AttachedAlbumsInline)."""
    if hasattr(formset, "fk"):
        return {formset.fk.name: obj}
    content_type = ContentType.objects.get_for_model(obj, for_concrete_model=formset.for_concrete_model)
    return {formset.ct_field.name: content_type, formset.ct_fk_field.name: obj.pk}


def _loads(token: str | None) -> dict | None:
    try:
        return signing.loads(token or "", salt=SALT)
    except signing.BadSignature:
        return None


def row_token(obj) -> str:
    """The token of one change list row: its stored values when the list was shown."""
    return signing.dumps({"": {str(obj.pk): _values(obj)}}, salt=SALT, compress=True)


@dataclass(frozen=True)
class FieldConflict:
    """A field both the user and someone else changed since the form was opened, differently."""

    label: str
    old: str  # when the form was opened
    theirs: str  # stored since
    yours: str  # in the form


@dataclass
class Conflict:
    message: str
    fields: list[FieldConflict]


@dataclass
class Merge:
    """The three-way merge of one model form (the entry, an inline row, a change list row)."""

    conflicts: list[FieldConflict] = dataclasses.field(default_factory=list)
    # Labels of the fields whose value saved by someone else replaced the form's stale one.
    kept: list[str] = dataclasses.field(default_factory=list)
    # The snapshot the form now stands for: the stored values, except where it still shows a
    # stale value it could not replace (a file input), which must keep reading as unchanged.
    values: dict[str, str] = dataclasses.field(default_factory=dict)


def _differs(bound_field, value) -> bool:
    """Whether the submitted value of ``bound_field`` differs from ``value``, as Django's
    ``changed_data`` compares with a form's initial value (microseconds a widget drops included)."""
    if isinstance(value, datetime.datetime | datetime.time) and not bound_field.field.widget.supports_microseconds:
        value = value.replace(microsecond=0)
    return bound_field.field.has_changed(value, bound_field.data)


def _show(form, name: str, value) -> bool:
    """Put ``value`` in the form's data for field ``name``, as its widget would submit it.

    Returns False, leaving the data alone, for a widget whose data cannot be written back
    (a file input) or did not read back as ``value``.
    """
    bound_field = form[name]
    widget = bound_field.field.widget
    if isinstance(widget, RelatedFieldWidgetWrapper):
        widget = widget.widget
    if widget.needs_multipart_form or getattr(widget, "allow_multiple_selected", False):
        return False
    previous, data = form.data, form.data.copy()
    prepared = bound_field.field.prepare_value(value)
    if isinstance(widget, forms.MultiWidget):
        parts = prepared if isinstance(prepared, list) else widget.decompress(prepared)
        for suffix, subwidget, part in zip(widget.widgets_names, widget.widgets, parts, strict=True):
            data[bound_field.html_name + suffix] = subwidget.format_value(part) or ""
    elif isinstance(widget, forms.CheckboxInput):
        if prepared:
            data[bound_field.html_name] = "on"
        else:
            data.pop(bound_field.html_name, None)
    else:
        formatted = widget.format_value(prepared)
        if isinstance(formatted, list):  # a select
            formatted = formatted[0] if formatted else ""
        data[bound_field.html_name] = formatted or ""
    form.data = data
    if _differs(bound_field, value):
        form.data = previous
        return False
    return True


class MergingFormMixin:
    """For a model form: merge the submitted values with those stored, field by field.

    ``changed_data`` (what the change message lists, and what decides whether an inline or a
    change list row is written at all) counts only the fields the user changed since the
    snapshot, once it is known; until then Django's own comparison with the stored instance.
    """

    label_prefix = ""
    _changed_since_snapshot: list[str] | None = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # What the instance held before the form's values were put in, to tell a column the
        # model's clean() derived from the user's edits from one only read from the database.
        self._loaded_values = _values(self.instance)

    @property
    def changed_data(self) -> list[str]:
        own = [name for name in super().changed_data if name != ROW_TOKEN_FIELD]
        if self._changed_since_snapshot is None:
            return own
        compared = {model_field.name for model_field in _compared_fields(self._meta.model)}
        return [*self._changed_since_snapshot, *(name for name in own if name not in compared)]

    def changed_since(self, before: dict[str, str]) -> list[str]:
        """The compared fields of this form whose submitted value differs from the snapshot's."""
        if self._changed_since_snapshot is None:
            typed = _typed(self._meta.model, before)
            self._changed_since_snapshot = [
                model_field.name
                for model_field in _compared_fields(self._meta.model)
                if model_field.name in self.fields
                and not self.fields[model_field.name].disabled
                and _differs(self[model_field.name], typed.get(model_field.attname))
            ]
        return self._changed_since_snapshot

    def merge(self, *, before: dict[str, str], stored) -> Merge:
        """Merge into ``self.instance`` (already built from the form) the values of ``stored``,
        the locked row, that someone else changed since ``before``, the snapshot; call after
        the form's own cleaning."""
        model = type(stored)
        changed = self.changed_since(before)
        typed = _typed(model, before)
        result = Merge(values=_values(stored))
        for model_field in _compared_fields(model):
            attname = model_field.attname
            if model_field.primary_key:
                continue
            stored_value = getattr(stored, attname)
            theirs = result.values[attname] != before.get(attname, "")
            form_field = self.fields.get(model_field.name)
            if form_field is None or form_field.disabled:
                # Not edited in this form: what is stored now, unless the model's clean()
                # derived a new value from the user's edits.
                if _string(model_field, self.instance) == self._loaded_values.get(attname):
                    setattr(self.instance, attname, stored_value)
                continue
            if model_field.name not in changed:
                if theirs:
                    setattr(self.instance, attname, stored_value)
                    result.kept.append(self._label(model_field))
                    if not _show(self, model_field.name, stored_value):
                        result.values[attname] = before.get(attname, "")
                continue
            if theirs and _differs(self[model_field.name], stored_value):
                result.conflicts.append(self._field_conflict(model_field, typed.get(attname), stored_value))
        return result

    def _label(self, model_field) -> str:
        return f"{self.label_prefix}{model_field.verbose_name}"

    def _field_conflict(self, model_field, old, theirs) -> FieldConflict:
        model, attname = type(self.instance), model_field.attname
        if model_field.name in self.cleaned_data:
            yours = getattr(self.instance, attname)
        else:  # invalid: what was typed
            yours = self[model_field.name].data
        their_change = field_changes(model, {attname: old}, {attname: theirs})
        your_change = field_changes(model, {attname: old}, {attname: yours})
        # Both lists hold this one field, unless a value reads the same as the old one once typed.
        old_shown = (their_change or your_change or [None])[0]
        old_shown = old_shown.old if old_shown is not None else ("—" if old in (None, "") else str(old))
        return FieldConflict(
            label=self._label(model_field),
            old=old_shown,
            theirs=their_change[0].new if their_change else old_shown,
            yours=your_change[0].new if your_change else old_shown,
        )


@dataclass
class _Save:
    """One save of a change form: the snapshot it was opened with (None: missing or forged),
    the stored rows locked, and what the merges of the entry and its inline rows found."""

    before: dict | None
    stored: dict  # {"" or inline model label: {pk: locked instance}}
    snapshot: dict  # the next token's values, {key: {pk: values}}
    conflicts: list[FieldConflict] = dataclasses.field(default_factory=list)
    kept: list[str] = dataclasses.field(default_factory=list)

    def merge(self, form, key: str, pk) -> Merge | None:
        before = (self.before or {}).get(key, {}).get(str(pk))
        stored = self.stored.get(key, {}).get(str(pk))
        if before is None or stored is None:  # a row added or deleted since: Django's formset decides
            return None
        result = form.merge(before=before, stored=stored)
        self.snapshot[key][str(pk)] = result.values
        self.conflicts += result.conflicts
        self.kept += result.kept
        return result


def _saved_by(obj) -> tuple[str, str] | None:
    """Who saved ``obj`` last, and when, from its history (None: nobody known)."""
    version = latest_version(obj)
    if version is None or version.revision.user is None:
        return None
    user = version.revision.user
    return (
        user.get_full_name() or user.get_username(),
        date_format(timezone.localtime(version.revision.date_created), "DATETIME_FORMAT"),
    )


def _conflict_message(obj) -> str:
    saved_by = _saved_by(obj)
    if saved_by is not None:
        return _(
            "%(user)s saved this entry at %(time)s, after you opened it, and changed the fields listed "
            "below that you changed too. Your values are still in the form: save again to keep them. "
            "Their changes to other fields are kept."
        ) % {"user": saved_by[0], "time": saved_by[1]}
    return _(
        "Someone else changed this entry after you opened it, including the fields listed below that "
        "you changed too. Your values are still in the form: save again to keep them. Their changes "
        "to other fields are kept."
    )


def _incomplete() -> Conflict:
    return Conflict(
        message=_("This form is incomplete or out of date. Check the values shown and save again."), fields=[]
    )


class ConflictAdminMixin:
    """Merge a save with the changes made since the form was opened; refuse only real conflicts.

    List editing too: each row of the change list carries its own token (rendered by
    ``admin/staff/change_list.html``), and a row that would be written is merged with it.
    """

    change_list_template = "admin/staff/change_list.html"

    def _stored_rows(self, request, obj) -> dict:
        """``obj`` and its inline rows as stored, locked until the transaction ends."""
        stored = {"": {str(obj.pk): type(obj)._base_manager.select_for_update().get(pk=obj.pk)}}
        for formset, inline in self.get_formsets_with_inlines(request, obj):
            rows = inline.get_queryset(request).filter(**_inline_lookup(formset, obj)).select_for_update(of=("self",))
            stored[inline.model._meta.label] = {str(row.pk): row for row in rows}
        return stored

    def _snapshot(self, request, obj) -> dict:
        """The stored values of ``obj`` and of its inline rows, locked until the transaction ends."""
        return {
            key: {pk: _values(row) for pk, row in rows.items()} for key, rows in self._stored_rows(request, obj).items()
        }

    def conflict_token(self, snapshot: dict) -> str:
        return signing.dumps(snapshot, salt=SALT, compress=True)

    def _save(self, request, obj) -> _Save:
        """This request's save of ``obj``: the stored rows are read and locked once."""
        save = getattr(request, _SAVE_ATTRIBUTE, None)
        if save is None:
            stored = self._stored_rows(request, obj)
            save = _Save(
                before=_loads(request.POST.get(TOKEN_FIELD)),
                stored=stored,
                snapshot={key: {pk: _values(row) for pk, row in rows.items()} for key, rows in stored.items()},
            )
            setattr(request, _SAVE_ATTRIBUTE, save)
        return save

    def get_form(self, request, obj=None, change=False, **kwargs):
        form_class = super().get_form(request, obj, change=change, **kwargs)
        if obj is None or request.method != "POST":
            return form_class
        model_admin = self

        class ConflictCheckedForm(MergingFormMixin, form_class):
            conflict = None
            kept: list[str] = []

            def _post_clean(self):
                super()._post_clean()
                save = model_admin._save(request, obj)
                self.kept = save.kept  # the inline rows' too, merged after this form
                if save.before is None:
                    self.conflict = _incomplete()
                    self.add_error(None, ValidationError(self.conflict.message, code="conflict"))
                    return
                merge = save.merge(self, "", obj.pk)
                if merge is not None and merge.conflicts:
                    self.add_error(None, ValidationError(_conflict_message(obj), code="conflict"))

        return ConflictCheckedForm

    def get_formsets_with_inlines(self, request, obj=None):
        for formset, inline in super().get_formsets_with_inlines(request, obj):
            if obj is not None and obj.pk is not None and request.method == "POST":
                formset = type(formset.__name__, (formset,), {"form": self._inline_form(request, obj, inline, formset)})
            yield formset, inline

    def _inline_form(self, request, obj, inline, formset):
        model_admin, key = self, inline.model._meta.label

        class ConflictCheckedInlineForm(MergingFormMixin, formset.form):
            label_prefix = f"{inline.model._meta.verbose_name}: "

            def _post_clean(self):
                super()._post_clean()
                if self.instance.pk is None:
                    return
                save = model_admin._save(request, obj)
                merge = save.merge(self, key, self.instance.pk) if save.before is not None else None
                if merge is not None and merge.conflicts:
                    self.add_error(None, ValidationError(_conflict_message(obj), code="conflict"))

        return ConflictCheckedInlineForm

    def get_changelist_form(self, request, **kwargs):
        form_class = super().get_changelist_form(request, **kwargs)

        class ConflictCheckedRowForm(MergingFormMixin, form_class):
            """A row of list editing: written only if the user changed one of its fields since
            the list was shown, merged with what others changed in the row since."""

            conflict = None
            kept: list[str] = []

            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                token = row_token(self.instance) if self.instance.pk is not None else ""
                self.fields[ROW_TOKEN_FIELD] = forms.CharField(widget=forms.HiddenInput, required=False, initial=token)

            def _before(self) -> dict | None:
                loaded = _loads(self.data.get(self.add_prefix(ROW_TOKEN_FIELD)))
                try:
                    return loaded[""][str(self.instance.pk)]
                except (KeyError, TypeError):
                    return None

            @property
            def changed_data(self) -> list[str]:
                if self._changed_since_snapshot is None and self.is_bound and self.instance.pk is not None:
                    before = self._before()
                    if before is not None:
                        self.changed_since(before)
                return super().changed_data

            def _post_clean(self):
                super()._post_clean()
                if not self.has_changed():
                    return
                before = self._before()
                if before is None:
                    self.conflict = _incomplete()
                    self.add_error(None, ValidationError(self.conflict.message, code="conflict"))
                    return
                stored = type(self.instance)._base_manager.select_for_update().get(pk=self.instance.pk)
                merge = self.merge(before=before, stored=stored)
                self.kept = merge.kept
                # Shown again (another row's error, or this one's): the token the row now stands for.
                self.data = self.data.copy()
                self.data[self.add_prefix(ROW_TOKEN_FIELD)] = signing.dumps(
                    {"": {str(stored.pk): merge.values}}, salt=SALT, compress=True
                )
                if merge.conflicts:
                    message = _conflict_message(stored)
                    self.conflict = Conflict(message=message, fields=merge.conflicts)
                    details = [
                        _("%(field)s: %(old)s → %(theirs)s (yours: %(yours)s)")
                        % {"field": item.label, "old": item.old, "theirs": item.theirs, "yours": item.yours}
                        for item in merge.conflicts
                    ]
                    self.add_error(None, ValidationError(" ".join([message, *details]), code="conflict"))

        return ConflictCheckedRowForm

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        kept = getattr(form, "kept", None)
        if change and kept:
            self._tell_kept(request, obj, kept)

    def _tell_kept(self, request, obj, kept: list[str]) -> None:
        """Tell the user whose values, of the fields they left alone, were kept."""
        saved_by = _saved_by(obj)
        values = {"entry": str(obj), "fields": ", ".join(kept)}
        if saved_by is not None:
            message = _(
                "%(user)s changed “%(entry)s” while you were editing it. Their values of the fields you "
                "left alone were kept: %(fields)s."
            ) % {"user": saved_by[0], **values}
        else:
            message = (
                _(
                    "Someone else changed “%(entry)s” while you were editing it. Their values of the fields "
                    "you left alone were kept: %(fields)s."
                )
                % values
            )
        messages.info(request, message)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if change and obj is not None and obj.pk is not None:
            save = getattr(request, _SAVE_ATTRIBUTE, None)
            if save is None:
                context["conflict_token"] = self.conflict_token(self._snapshot(request, obj))
            else:
                # Shown again: the token of the stored state, except for values the form still
                # shows stale (they stay unchanged for the next save, which keeps the stored ones).
                context["conflict_token"] = self.conflict_token(save.snapshot)
                if save.before is None:
                    context["conflict"] = _incomplete()
                elif save.conflicts:
                    context["conflict"] = Conflict(message=_conflict_message(obj), fields=save.conflicts)
        return super().render_change_form(request, context, add=add, change=change, form_url=form_url, obj=obj)

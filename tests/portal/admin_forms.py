"""Build the POST a browser would send from an admin change form the test client fetched."""

from django.db.models.fields.files import FieldFile
from django.forms import MultiWidget


def _put(data: dict, bound_field) -> None:
    value = bound_field.value()
    if value is None or isinstance(value, FieldFile):
        return
    widget = bound_field.field.widget
    if isinstance(widget, MultiWidget):  # e.g. a date and a time
        parts = value if isinstance(value, list) else widget.decompress(value)
        for suffix, subwidget, part in zip(widget.widgets_names, widget.widgets, parts, strict=True):
            data[bound_field.html_name + suffix] = subwidget.format_value(part) or ""
    elif isinstance(value, bool):
        if value:
            data[bound_field.html_name] = "on"
    elif isinstance(value, list | tuple):
        data[bound_field.html_name] = [str(item) for item in value]
    else:
        data[bound_field.html_name] = str(value)


def change_form_data(response, **changes) -> dict:
    """The values shown by a change form (fields, inlines, conflict token), with ``changes`` applied."""
    context = response.context
    data = {}
    for bound_field in context["adminform"].form:
        _put(data, bound_field)
    for inline in context["inline_admin_formsets"]:
        formset = inline.formset
        for bound_field in formset.management_form:
            _put(data, bound_field)
        for form in formset.forms:
            for bound_field in form:
                _put(data, bound_field)
    if context.get("conflict_token"):
        data["_conflict_token"] = context["conflict_token"]
    data.update(changes)
    return data


def changelist_form_data(response, changes: dict | None = None) -> dict:
    """The list-editing POST of a change list page as shown, with ``changes`` ({pk: {field: value}}) applied."""
    formset = response.context["cl"].formset
    data = {"_save": "Save"}
    for bound_field in formset.management_form:
        _put(data, bound_field)
    for form in formset.forms:
        for bound_field in form:
            _put(data, bound_field)
        for name, value in (changes or {}).get(form.instance.pk, {}).items():
            data[form.add_prefix(name)] = value
    return data

"""Forms every app shares: the renderer that keeps typed values as typed, described errors, a bounded user name."""

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.forms.renderers import DjangoTemplates
from django.utils import translation

from core.transliteration import typed

SERBIAN_LATIN = "sr-latn"


class DescribedErrorsMixin:
    """Each invalid field points to its error (and help) text with aria-describedby, for screen readers."""

    def full_clean(self):
        super().full_clean()
        for name in self._errors or {}:
            if name in self.fields:
                bound = self[name]
                ids = [f"{bound.auto_id}_error"]
                if self.fields[name].help_text:
                    ids.append(f"{bound.auto_id}_helptext")
                self.fields[name].widget.attrs["aria-describedby"] = " ".join(ids)


class ModelErrorsOnFieldsMixin:
    """A ModelForm mixin: what the model's validation says lands on the form field it is about.

    - A broken ``Meta.constraints`` entry (checked by the model's ``full_clean``
      before the database sees anything) shows its own translated
      ``violation_error_message`` on the first of the form's fields that the
      constraint names, instead of the raw "Constraint … is violated" above the form.
    - An error about one language's column of a translated field (``name_bg``,
      from ``Organisation.clean()``) goes to the field the reader typed it in
      (``name``), unless that field already says what is wrong.
    """

    def _update_errors(self, errors):
        if hasattr(errors, "error_dict"):
            errors = ValidationError(self._errors_on_fields(errors.error_dict))
        super()._update_errors(errors)

    def _errors_on_fields(self, error_dict: dict) -> dict:
        constraint_fields = self._constraint_fields()
        moved: dict[str, list] = {}
        for name, field_errors in error_dict.items():
            for error in field_errors:
                if name == NON_FIELD_ERRORS:
                    target = constraint_fields.get(str(error.message), NON_FIELD_ERRORS)
                elif name in self.fields:
                    target = name
                else:
                    target = name.rpartition("_")[0]
                    if target not in self.fields:
                        target = NON_FIELD_ERRORS
                    elif target in error_dict or target in self._errors:
                        continue  # "This field is required." already says it
                moved.setdefault(target, []).append(error)
        return moved

    def _constraint_fields(self) -> dict[str, str]:
        """Each constraint's message (in the active language) -> the form field it is shown on."""
        fields = {}
        for constraint in self._meta.model._meta.constraints:
            if isinstance(constraint, models.UniqueConstraint) and constraint.fields:
                named = set(constraint.fields)
            elif getattr(constraint, "condition", None) is not None:
                named = constraint.condition.referenced_base_fields
            else:
                continue
            field = next((field for field in self.fields if field in named), None)
            if field is not None:
                fields[str(constraint.get_violation_error_message())] = field
        return fields


class BoundedUsernameMixin:
    """A user name longer than any account's is refused on its field, and never tried.

    ``AuthenticationForm`` sets its user name field's ``max_length`` after
    creating it, so the length is not validated: a 5,000-character name would
    reach ``authenticate()`` and django-axes, whose lock-out record keeps the
    name in a 255-character column (a 500). Refused here, the name is never
    tried, so nothing is recorded for it: it can match no account anyway.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["username"]
        field.validators.append(MaxLengthValidator(field.max_length))


class TypedValuesFormRenderer(DjangoTemplates):
    """Django's form renderer, marking on ``sr-latn`` pages every value a widget shows back as typed.

    A form shown again after an error holds what the person typed; the
    ``sr-latn`` page is transliterated as a whole (``SerbianLatinMiddleware``),
    and the marks (:func:`core.transliteration.typed`) keep what they typed
    in the script they typed it in. Every widget of every form is rendered
    through here (``FORM_RENDERER``). Only text values are marked: choices
    are the portal's own words, and a file field shows no typed text.
    """

    def render(self, template_name, context, request=None):
        if "widget" in context and translation.get_language() == SERBIAN_LATIN:
            context = {**context, "widget": _with_typed_value(context["widget"])}
        return super().render(template_name, context, request)


def _with_typed_value(widget: dict) -> dict:
    marked = dict(widget)
    if isinstance(widget.get("value"), str) and widget["value"]:
        marked["value"] = typed(widget["value"])
    if widget.get("subwidgets"):
        marked["subwidgets"] = [_with_typed_value(subwidget) for subwidget in widget["subwidgets"]]
    return marked

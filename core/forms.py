"""Forms every app shares: the renderer that keeps typed values as typed, described errors, a bounded user name."""

from django.core.validators import MaxLengthValidator
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

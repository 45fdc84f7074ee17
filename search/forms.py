from django import forms
from django.utils.translation import gettext_lazy as _

from core.models import Direction
from search import registry


class SearchForm(forms.Form):
    """The query and filters of the results page; every field is optional."""

    q = forms.CharField(label=_("Search"), max_length=200, required=False)
    kind = forms.ChoiceField(label=_("Type"), required=False)
    municipality = forms.IntegerField(label=_("Municipality"), required=False, min_value=1)
    direction = forms.ChoiceField(label=_("Direction"), required=False, choices=[("", ""), *Direction.Key.choices])
    page = forms.IntegerField(required=False, min_value=1)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", ""), *registry.kind_labels().items()]

    @staticmethod
    def empty_filters() -> dict:
        return {"kind": "", "municipality": None, "direction": ""}

    def search_parameters(self) -> tuple[str, dict, int]:
        """The query text, the filters and the page number.

        An invalid filter is ignored rather than failing the page.
        """
        if not self.is_bound:
            return "", self.empty_filters(), 1
        self.is_valid()
        data = self.cleaned_data
        filters = {name: data.get(name) or empty for name, empty in self.empty_filters().items()}
        return (data.get("q") or "").strip(), filters, data.get("page") or 1

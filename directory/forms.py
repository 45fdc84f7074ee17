from django import forms
from django.utils.translation import gettext_lazy as _

from core.models import Municipality


class ImportUploadForm(forms.Form):
    """The file of a bulk import; a portal administrator also chooses the municipality."""

    file = forms.FileField(
        label=_("CSV or XLSX file"),
        help_text=_("Columns as in the template. UTF-8 CSV separated by commas or semicolons, or an Excel workbook."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx,text/csv"}),
    )
    municipality = forms.ModelChoiceField(label=_("Municipality"), queryset=Municipality.objects.all())

    def __init__(self, *args, municipality: Municipality | None, **kwargs):
        """``municipality`` is the staff member's own: then the choice is not offered (nor read)."""
        super().__init__(*args, **kwargs)
        if municipality is not None:
            del self.fields["municipality"]
        self.fixed_municipality = municipality

    def clean(self):
        cleaned = super().clean()
        if self.fixed_municipality is not None:
            cleaned["municipality"] = self.fixed_municipality
        return cleaned

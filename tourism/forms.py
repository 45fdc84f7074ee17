from django import forms
from django.utils.translation import gettext_lazy as _

from tourism.models import OpeningHours, Weekday


class OpeningHoursForm(forms.ModelForm):
    """Days of the week as checkboxes rather than a list typed by hand."""

    weekdays = forms.TypedMultipleChoiceField(
        label=_("days"), choices=Weekday.choices, coerce=int, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = OpeningHours
        fields = ["from_day", "from_month", "to_day", "to_month", "weekdays", "opens", "closes", "note", "order"]

from django import forms
from django.utils.translation import gettext_lazy as _

from core.abuse import MinimumFillTimeFormMixin


class MistakeReportForm(MinimumFillTimeFormMixin, forms.Form):
    """What is wrong in an entry; an address only to hear when it is fixed."""

    message = forms.CharField(
        label=_("What is wrong?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("For example: the phone number has changed, the museum is closed on Mondays."),
    )
    email = forms.EmailField(
        label=_("Your email (optional)"),
        required=False,
        help_text=_("Only to tell you when the mistake is fixed. It is not shown anywhere."),
    )

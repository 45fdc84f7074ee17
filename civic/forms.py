from zoneinfo import ZoneInfo

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from civic.richtext import RichTextEditor, sanitise_html
from civic.validators import document_format
from core.abuse import HoneypotFormMixin, IdempotentFormMixin


class RichTextFormMixin:
    """The rich-text fields (every language of each) are edited in the rich-text editor and
    sanitised when the form is cleaned: the sanitiser, not the editor, decides what is saved."""

    rich_text_fields: tuple[str, ...] = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self._rich_text_names():
            if name in self.fields:
                # Keep the textarea's attributes: modeltranslation's classes group the language tabs.
                self.fields[name].widget = RichTextEditor(attrs=self.fields[name].widget.attrs)

    def _rich_text_names(self):
        for field in self.rich_text_fields:
            yield field
            yield from (f"{field}_{language}" for language in settings.MODELTRANSLATION_LANGUAGES)

    def clean(self):
        cleaned = super().clean()
        for name in self._rich_text_names():
            if cleaned.get(name):
                cleaned[name] = sanitise_html(cleaned[name])
        return cleaned


class NewsArticleAdminForm(RichTextFormMixin, forms.ModelForm):
    rich_text_fields = ("body",)


class PageAdminForm(RichTextFormMixin, forms.ModelForm):
    rich_text_fields = ("body",)


class EventAdminForm(forms.ModelForm):
    """Staff type an event's times as the clock in that place shows them.

    The admin would read them in the server's zone (Europe/Sofia); here they are
    read, and shown back, in the zone of the event's municipality, so that an
    event at 19:00 in Niš is stored as 19:00 Europe/Belgrade.
    """

    zoned_fields = ("starts_at", "ends_at")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            for name in self.zoned_fields:
                local = timezone.localtime(getattr(self.instance, name), self.instance.zone)
                self.initial[name] = local.replace(tzinfo=None)

    def clean(self):
        cleaned = super().clean()
        municipality = cleaned.get("municipality")
        if municipality:
            zone = ZoneInfo(municipality.time_zone)
            for name in self.zoned_fields:
                if cleaned.get(name):
                    cleaned[name] = timezone.make_aware(timezone.make_naive(cleaned[name]), zone)
        return cleaned


class DocumentAdminForm(forms.ModelForm):
    def clean_file(self):
        uploaded = self.cleaned_data["file"]
        if uploaded and hasattr(uploaded, "content_type"):  # a new upload, not the stored file
            self.instance.file_format = document_format(uploaded)
            self.instance.file_size = uploaded.size
        return uploaded


class EnquiryForm(IdempotentFormMixin, HoneypotFormMixin, forms.Form):
    name = forms.CharField(label=_("Your name"), max_length=200, widget=forms.TextInput(attrs={"autocomplete": "name"}))
    email = forms.EmailField(
        label=_("Your email address"),
        help_text=_("We send a copy of your question and our answer here."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    subject = forms.CharField(label=_("Subject"), max_length=200)
    message = forms.CharField(label=_("Your question"), max_length=5000, widget=forms.Textarea(attrs={"rows": 8}))
    consent = forms.BooleanField(
        label=_("I agree that the information centre keeps my name, address and question to answer me."),
    )


class EnquiryReplyForm(forms.Form):
    body = forms.CharField(
        label=_("Answer"),
        widget=forms.Textarea(attrs={"rows": 14, "cols": 80}),
        help_text=_("Sent by email to the enquirer, and kept with the enquiry."),
    )

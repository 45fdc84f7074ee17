from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from cooperation.models import CONTENT_LANGUAGES, Opportunity, default_expiry
from core.abuse import IdempotentFormMixin, MinimumFillTimeFormMixin
from core.forms import DescribedErrorsMixin, ModelErrorsOnFieldsMixin
from directory.models import Organisation, SpokenLanguage
from directory.nace import NaceRevision, NaceSection, division_section

LANGUAGE_NAMES = {"bg": _("Bulgarian"), "sr": _("Serbian"), "en": _("English")}


def content_language(language: str | None = None) -> str:
    """The content language a page's language writes into: Serbian Latin pages write Serbian."""
    language = language or get_language() or settings.LANGUAGE_CODE
    return "sr" if language.startswith("sr") else language if language in CONTENT_LANGUAGES else "bg"


class OpportunityForm(IdempotentFormMixin, DescribedErrorsMixin, ModelErrorsOnFieldsMixin, forms.ModelForm):
    """An owner's offer or request, written in the page's language; the other languages are optional.

    Everything is validated by ``Opportunity.clean()``; the sector and the
    working languages start from the company's profile.
    """

    organisation = forms.ModelChoiceField(label=_("Company"), queryset=Organisation.objects.none(), empty_label=None)
    languages = forms.MultipleChoiceField(
        label=_("Working languages"),
        choices=SpokenLanguage.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The languages your company can work in with a partner."),
    )

    class Meta:
        model = Opportunity
        fields = [
            "kind",
            "cooperation_type",
            *(f"{field}_{code}" for field in ("title", "description") for code in CONTENT_LANGUAGES),
            "nace_section",
            "nace_division",
            "seeks",
            "languages",
            "expires_on",
        ]
        widgets = {
            "kind": forms.RadioSelect,
            "seeks": forms.RadioSelect,
            "expires_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            **{f"description_{code}": forms.Textarea(attrs={"rows": 8}) for code in CONTENT_LANGUAGES},
        }

    def __init__(self, *args, companies: list[Organisation], **kwargs):
        super().__init__(*args, **kwargs)
        # An item keeps the language its owner wrote it in, whatever the page's language when it is edited.
        self.language = self.instance.language if self.instance.pk else content_language()
        self.companies = companies
        if self.instance.pk or len(companies) == 1:
            del self.fields["organisation"]
            if not self.instance.pk:
                self.instance.organisation = companies[0]
        else:
            self.fields["organisation"].queryset = Organisation.objects.filter(pk__in=[c.pk for c in companies])
            self.fields["organisation"].choices = [(company.pk, company.name) for company in companies]
        if not self.instance.pk:
            self.instance.language = self.language
            self._start_from_company(self.instance.organisation if len(companies) == 1 else companies[0])

        self.fields["kind"].choices = [choice for choice in self.fields["kind"].choices if choice[0]]
        self.fields["kind"].help_text = _("Offer: what your company provides. Request: what it is looking for.")
        self.fields["seeks"].choices = [choice for choice in self.fields["seeks"].choices if choice[0]]
        self.fields["nace_section"] = forms.ChoiceField(
            label=_("Sector"),
            choices=[("", "—"), *NaceSection.choices],
            required=False,
            initial=self.initial.get("nace_section"),
            help_text=_("The activity (NACE section) the cooperation is about."),
        )
        self.fields["nace_division"].widget.attrs.update(inputmode="numeric", maxlength="2", size="2")
        self.fields["expires_on"].help_text = _("At most six months from today; you can renew it later.")
        for code in CONTENT_LANGUAGES:
            own = code == self.language
            for field in ("title", "description"):
                form_field = self.fields[f"{field}_{code}"]
                form_field.required = own
                base = _("Title") if field == "title" else _("Description")
                page_language = own and code == content_language()
                form_field.label = base if page_language else f"{base} ({LANGUAGE_NAMES[code]})"
                form_field.widget.attrs["lang"] = code
        self.fields["title_" + self.language].help_text = _(
            "Say what you offer or look for in a few words, e.g. “Sheep's wool for felt makers”."
        )
        self.fields["description_" + self.language].help_text = _(
            "What exactly, in what quantities or for how long, and what you expect from a partner. "
            "Do not write email addresses or phone numbers: partners contact you through the portal."
        )
        # A list field with a callable default renders a hidden "initial" copy that would carry aria-describedby.
        for field in self.fields.values():
            field.show_hidden_initial = False

    def _start_from_company(self, company: Organisation) -> None:
        if company.nace_revision == NaceRevision.REV_2:
            self.initial.setdefault("nace_section", company.nace_section)
            self.initial.setdefault("nace_division", company.nace_division)
        languages = [code for code in company.languages if code in SpokenLanguage.values]
        self.initial.setdefault("languages", languages or [self.language])
        self.initial.setdefault("expires_on", default_expiry())

    @property
    def main_fields(self):
        names = ["organisation", "kind", "cooperation_type", f"title_{self.language}", f"description_{self.language}"]
        return [self[name] for name in names if name in self.fields]

    @property
    def detail_fields(self):
        return [self[name] for name in ("nace_section", "nace_division", "seeks", "languages", "expires_on")]

    @property
    def translation_fields(self):
        return [
            self[f"{field}_{code}"]
            for code in CONTENT_LANGUAGES
            if code != self.language
            for field in ("title", "description")
        ]

    def clean_expires_on(self):
        expires_on = self.cleaned_data["expires_on"]
        today = timezone.localdate()
        if expires_on < today:
            raise forms.ValidationError(_("Choose a date from today on."), code="past")
        if expires_on > default_expiry(today):
            raise forms.ValidationError(
                _("At most six months: choose %(date)s or earlier."),
                code="too_far",
                params={"date": default_expiry(today)},
            )
        return expires_on

    def clean(self):
        cleaned = super().clean()
        division, section = cleaned.get("nace_division"), cleaned.get("nace_section")
        if division and not section:
            cleaned["nace_section"] = division_section(division, NaceRevision.REV_2) or ""
            self.instance.nace_section = cleaned["nace_section"]
        if not division and not section:
            self.add_error("nace_section", _("Choose the sector."))
        if "organisation" in cleaned:
            self.instance.organisation = cleaned["organisation"]
        return cleaned


class InterestForm(DescribedErrorsMixin, MinimumFillTimeFormMixin, forms.Form):
    """A company's message to the poster of an item, relayed by the portal."""

    organisation = forms.ModelChoiceField(
        label=_("On behalf of"), queryset=Organisation.objects.none(), empty_label=None
    )
    message = forms.CharField(
        label=_("Your message"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Introduce your company and say what you propose. The poster receives it by email and can answer "
            "you directly; your address is not shown on the portal."
        ),
    )

    honeypot_name = "fax"

    def __init__(self, *args, companies: list[Organisation], **kwargs):
        kwargs.setdefault("auto_id", "interest_%s")
        super().__init__(*args, **kwargs)
        self.companies = companies
        if len(companies) == 1:
            del self.fields["organisation"]  # nothing to choose
        else:
            self.fields["organisation"].queryset = Organisation.objects.filter(pk__in=[c.pk for c in companies])
            self.fields["organisation"].choices = [(company.pk, company.name) for company in companies]

    @property
    def company(self) -> Organisation:
        """The company on whose behalf the message goes (after validation)."""
        if "organisation" not in self.fields:
            return self.companies[0]
        chosen = self.cleaned_data["organisation"]
        return next(company for company in self.companies if company.pk == chosen.pk)


class DigestPreferenceForm(forms.Form):
    match_digest = forms.BooleanField(
        label=_("Email me suggested partners for my offers and requests (at most once a week)"), required=False
    )

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.abuse import HoneypotFormMixin, MinimumFillTimeFormMixin
from core.forms import BoundedUsernameMixin, DescribedErrorsMixin, ModelErrorsOnFieldsMixin
from core.models import Country, Municipality
from directory import identifiers
from directory.models import UNIQUE_IDENTIFIER_MESSAGES, Kind, LegalForm, Organisation
from registrations import images, services
from registrations.models import DUPLICATE_MESSAGE, IDENTIFIER_FIELDS, ClaimMethod

CLAIM_INSTEAD_MESSAGE = _(
    "This company is already listed in the directory. If it is yours, claim the entry instead of registering it again."
)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class PhotosField(forms.FileField):
    """Up to ``services.MAX_PHOTOS`` images, each checked by content."""

    widget = MultipleFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"})

    def clean(self, data, initial=None):
        uploads = [upload for upload in (data if isinstance(data, list | tuple) else [data]) if upload]
        if len(uploads) > services.MAX_PHOTOS:
            raise ValidationError(
                _("Send at most %(count)d photos."), code="too_many", params={"count": services.MAX_PHOTOS}
            )
        for upload in uploads:
            images.validate_public_image(upload)
        return uploads


def image_field(label, help_text=""):
    # A FileField, not an ImageField: the media library's checks give the precise reason for a refusal.
    return forms.FileField(
        label=label,
        required=False,
        help_text=help_text,
        validators=[images.validate_public_image],
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )


class CompanyProfileForm(DescribedErrorsMixin, ModelErrorsOnFieldsMixin, forms.ModelForm):
    """The company fields of the directory, validated by ``Organisation.clean()`` with its translated messages.

    Translated fields (name, description...) are typed in the reader's language.
    """

    class Meta:
        model = Organisation
        fields = [
            "name",
            "legal_form",
            "description",
            "nace_division",
            "size_class",
            "founded_year",
            "street_address",
            "settlement",
            "postal_code",
            "phones",
            "website",
            "open_to_cooperation",
            "cooperation_offers",
            "cooperation_seeks",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 6}),
            "cooperation_offers": forms.Textarea(attrs={"rows": 3}),
            "cooperation_seeks": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].widget.attrs["autocomplete"] = "organization"
        self.fields["postal_code"].widget.attrs["autocomplete"] = "postal-code"
        self.fields["street_address"].widget.attrs["autocomplete"] = "address-line1"
        self.fields["phones"].widget.attrs["autocomplete"] = "tel"
        self.fields["website"].widget.attrs["autocomplete"] = "url"
        self.fields["legal_form"].choices = [("", "—"), *LegalForm.choices]
        # A list field with a callable default renders a hidden "initial" copy that
        # inherits aria-describedby, which HTML forbids on hidden inputs; the
        # form never needs to know whether such a field changed.
        for field in self.fields.values():
            field.show_hidden_initial = False

    def validate_unique(self):
        """Identifiers are checked against directory and registrations by ``clean_identifiers`` instead."""


class RegistrationForm(MinimumFillTimeFormMixin, CompanyProfileForm):
    contact_name = forms.CharField(
        label=_("Contact person"), max_length=200, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    contact_email = forms.EmailField(
        label=_("Contact email"),
        help_text=_(
            "We send the confirmation link and the moderators' answer here. It is not shown on the portal; "
            "messages sent to your company through the portal reach you here."
        ),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    contact_phone = forms.CharField(
        label=_("Contact phone"), max_length=40, required=False, widget=forms.TextInput(attrs={"autocomplete": "tel"})
    )
    logo = image_field(_("Logo"), _("JPEG, PNG or WebP."))
    photos = PhotosField(label=_("Photos"), required=False, help_text=_("Up to five JPEG, PNG or WebP photos."))
    consent = forms.BooleanField(
        label=_(
            "I have read the privacy notice of the company's municipality and agree that the portal keeps "
            "these data to publish and manage the company's profile."
        )
    )

    class Meta(CompanyProfileForm.Meta):
        fields = [
            "municipality",
            *CompanyProfileForm.Meta.fields[:2],
            *("eik", "vat_number", "pib", "mb"),
            *CompanyProfileForm.Meta.fields[2:],
        ]

    field_order = [
        "name",
        "municipality",
        "legal_form",
        "eik",
        "vat_number",
        "pib",
        "mb",
        "description",
        "nace_division",
        "size_class",
        "founded_year",
        "street_address",
        "settlement",
        "postal_code",
        "phones",
        "website",
        "open_to_cooperation",
        "cooperation_offers",
        "cooperation_seeks",
        "logo",
        "photos",
        "contact_name",
        "contact_email",
        "contact_phone",
        "consent",
    ]
    honeypot_name = "fax"

    def __init__(self, *args, registration_pk: int | None = None, **kwargs):
        self.registration_pk = registration_pk
        self.claimable_entry = None
        super().__init__(*args, **kwargs)
        self.instance.kind = Kind.COMPANY
        self.fields["municipality"].queryset = Municipality.objects.order_by("country", "slug")
        self.fields["municipality"].help_text = _("The municipality where the company is based.")

    def clean(self):
        cleaned = super().clean()
        municipality = cleaned.get("municipality")
        if municipality is not None and not self._errors.get("eik") and not self._errors.get("pib"):
            if municipality.country == Country.BULGARIA and not cleaned.get("eik"):
                self.add_error("eik", _("Give the company's EIK/BULSTAT."))
            elif municipality.country == Country.SERBIA and not (cleaned.get("pib") or cleaned.get("mb")):
                self.add_error("pib", _("Give the company's PIB or MB."))
        return cleaned

    def _post_clean(self):
        super()._post_clean()
        # Organisation.clean() normalised the identifiers; now look for them elsewhere. Taken by a
        # directory entry or an application, the applicant is told whom to ask (not the staff's wording).
        for field, directory_message in UNIQUE_IDENTIFIER_MESSAGES.items():
            in_directory = str(directory_message) in self._errors.get(field, [])
            if in_directory or (
                field not in self._errors
                and services.identifier_taken(
                    field, getattr(self.instance, field), exclude_registration=self.registration_pk
                )
            ):
                self._errors.pop(field, None)
                # Listed and kept by nobody: the applicant is offered the claim of that entry instead.
                entry = services.claimable_entry_with_identifier(field, getattr(self.instance, field))
                if entry is not None:
                    self.claimable_entry = entry
                    self.add_error(field, CLAIM_INSTEAD_MESSAGE)
                else:
                    self.add_error(field, DUPLICATE_MESSAGE)


class OwnerProfileForm(CompanyProfileForm):
    logo = image_field(_("New logo"), _("JPEG, PNG or WebP; leave empty to keep the present one."))


class ContactForm(DescribedErrorsMixin, MinimumFillTimeFormMixin, forms.Form):
    name = forms.CharField(label=_("Your name"), max_length=200, widget=forms.TextInput(attrs={"autocomplete": "name"}))
    email = forms.EmailField(
        label=_("Your email address"),
        help_text=_("The company answers you here; you receive a copy of your message."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    subject = forms.CharField(label=_("Subject"), max_length=150)
    message = forms.CharField(label=_("Message"), max_length=5000, widget=forms.Textarea(attrs={"rows": 6}))

    honeypot_name = "fax"

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "contact_%s")  # unique beside other forms on a company's page
        super().__init__(*args, **kwargs)

    def clean_subject(self):
        subject = self.cleaned_data["subject"]
        if "\n" in subject or "\r" in subject:
            raise ValidationError(_("The subject must be one line."), code="newline")
        return subject


class OwnerEraseForm(DescribedErrorsMixin, forms.Form):
    """Deleting an account takes its password, checked against the account without logging a failed log-in.

    ``check_password`` sends no ``user_login_failed``, so wrong passwords here never count
    towards django-axes' lock-out of the log-in page; the view limits guesses per account instead.
    """

    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        help_text=_("To be sure it is you, type the password of your account again."),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    confirm = forms.BooleanField(
        label=_("Yes, delete everything"),
        error_messages={"required": _("Tick the box to confirm the deletion.")},
    )

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise ValidationError(_("This is not your password."), code="wrong_password")
        return password


class OwnerLoginForm(DescribedErrorsMixin, HoneypotFormMixin, BoundedUsernameMixin, AuthenticationForm):
    pass


class OwnerPasswordResetForm(DescribedErrorsMixin, HoneypotFormMixin, forms.Form):
    email = forms.EmailField(
        label=_("Email address"),
        help_text=_("The address your company's account uses (the contact email of your registration)."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )


# --- Claims and the applicant's own view ----------------------------------------------------------


def document_field(required: bool, help_text) -> forms.FileField:
    return forms.FileField(
        label=_("Supporting document"),
        required=required,
        help_text=help_text,
        validators=[images.validate_claim_document],
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,image/jpeg,image/png,image/webp"}),
    )


def _identifier_validators(country: str):
    if country == Country.BULGARIA:
        return (identifiers.validate_eik, identifiers.validate_bg_vat)
    return (identifiers.validate_pib, identifiers.validate_mb)


class ClaimForm(DescribedErrorsMixin, MinimumFillTimeFormMixin, forms.Form):
    """Is this your company? The identifier, the proof, and who the claimant is."""

    identifier = forms.CharField(label=_("Identifier of the company"), max_length=20)
    method = forms.ChoiceField(label=_("How do you prove the company is yours?"), widget=forms.RadioSelect)
    document = document_field(
        False,
        _(
            "Required without the e-mail: an extract of the register, a power of attorney or similar. "
            "PDF, JPEG, PNG or WebP."
        ),
    )
    explanation = forms.CharField(
        label=_("Anything the information centre should know"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    contact_name = forms.CharField(
        label=_("Your name"), max_length=200, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    contact_email = forms.EmailField(
        label=_("Your email address"),
        help_text=_("The portal writes to you here, and it becomes the company's private contact address."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    contact_phone = forms.CharField(
        label=_("Your phone"), max_length=40, required=False, widget=forms.TextInput(attrs={"autocomplete": "tel"})
    )
    consent = forms.BooleanField(
        label=_(
            "I have read the privacy notice of the company's municipality and agree that the portal keeps "
            "these data to decide the claim and manage the company's profile."
        )
    )

    honeypot_name = "fax"

    def __init__(self, *args, organisation: Organisation, **kwargs):
        self.organisation = organisation
        super().__init__(*args, **kwargs)
        masked = services.mask_email(organisation.email)
        choices = []
        if masked:
            choices.append(
                (
                    ClaimMethod.EMAIL,
                    _("Send a confirmation link to the address on record (%(address)s)") % {"address": masked},
                )
            )
        choices.append(
            (
                ClaimMethod.DOCUMENT,
                _("I send a supporting document (there is no address on record, it bounces or it is not ours)")
                if masked
                else _("I send a supporting document (the entry has no address on record)"),
            )
        )
        self.fields["method"].choices = choices
        self.fields["method"].initial = choices[0][0]
        self.has_identifiers = any(getattr(organisation, field) for field in IDENTIFIER_FIELDS)
        if organisation.municipality.country == Country.BULGARIA:
            self.fields["identifier"].help_text = _("The EIK/BULSTAT or VAT number, as in the commercial register.")
        else:
            self.fields["identifier"].help_text = _("The PIB or MB, as in the business register.")
        self.fields["identifier"].required = self.has_identifiers

    def clean_identifier(self):
        value = self.cleaned_data["identifier"]
        if not self.has_identifiers:
            return identifiers.compact(value)
        errors = []
        for validate in _identifier_validators(self.organisation.municipality.country):
            try:
                value = validate(value)
                break
            except ValidationError as error:
                errors.append(error)
        else:
            raise errors[0]
        if not services.claim_identifier_matches(self.organisation, value):
            raise ValidationError(_("This is not the identifier of this entry."), code="identifier")
        return value

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("method") == ClaimMethod.DOCUMENT
            and not cleaned.get("document")
            and "document" not in self._errors
        ):
            self.add_error("document", _("Attach the supporting document."))
        return cleaned


class ApplicantReplyForm(DescribedErrorsMixin, HoneypotFormMixin, forms.Form):
    text = forms.CharField(
        label=_("Your answer to the information centre"), max_length=5000, widget=forms.Textarea(attrs={"rows": 5})
    )

    honeypot_name = "fax"

    def __init__(self, *args, with_document: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if with_document:
            self.fields["document"] = document_field(
                False, _("A new supporting document, if you were asked for one. PDF, JPEG, PNG or WebP.")
            )
            self.order_fields(["text", "document"])

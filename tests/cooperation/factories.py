from datetime import timedelta

import factory
from django.contrib.auth.models import User
from django.utils import timezone

from cooperation.models import CooperationType, Kind, Opportunity, Side, Status
from registrations.models import CompanyOwner
from tests.directory.factories import OrganisationFactory


def owner_make(organisation, *, username: str | None = None, language: str = "bg", password: str | None = None):
    """An owner account for ``organisation`` with a private contact address."""
    username = username or f"owner-{organisation.slug}"
    user = User.objects.create_user(username, f"{username}@example.org", password)
    CompanyOwner.objects.create(
        user=user,
        organisation=organisation,
        contact_name=f"Contact of {organisation.slug}",
        contact_email=f"{username}@private.example.org",
        language=language,
    )
    return user


class OpportunityFactory(factory.django.DjangoModelFactory):
    """An approved, unexpired offer of a published Bulgarian food company (override what a test needs)."""

    class Meta:
        model = Opportunity

    organisation = factory.SubFactory(OrganisationFactory)
    kind = Kind.OFFER
    cooperation_type = CooperationType.SUPPLIER
    title_bg = factory.Sequence(lambda n: f"Брашно от планински мелници {n}")
    title_en = factory.Sequence(lambda n: f"Flour from mountain mills {n}")
    description_bg = "Доставяме ръжено и пшенично брашно."
    description_en = "We deliver rye and wheat flour."
    language = "bg"
    nace_section = "C"
    nace_division = "10"
    seeks = Side.EITHER
    languages = factory.LazyFunction(lambda: ["bg", "en"])
    status = Status.APPROVED
    published_at = factory.LazyFunction(timezone.now)
    expires_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=90))


def expired(**fields) -> Opportunity:
    """An approved item whose time on the board ended yesterday."""
    return OpportunityFactory(expires_on=timezone.localdate() - timedelta(days=1), **fields)

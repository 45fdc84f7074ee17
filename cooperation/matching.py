"""Suggested partners: which items (and companies) across the border fit an owner's offer or request.

Two items match when

- one is an offer and the other a request;
- their companies are in different countries, and each looks for partners in
  the other's country (or on either side): the board is for cross-border
  partners, so two Bulgarian or two Serbian companies are never paired;
- they are in the same NACE section;
- their types complement each other (``COMPLEMENTARY``): a supplier's offer
  fits a buyer's or a distributor's request, a joint project fits a joint
  project, and so on;
- both are public (approved, unexpired, of a published company).

Ranking: the same NACE division above the same section only, then the number
of shared working languages (up to two count), then the newest first.

Companies are suggested too: published companies of the other country that
say they are open to cross-border cooperation, in the same section, ranked
the same way. Everything is read in a fixed number of queries, whatever the
number of the owner's items: the candidates of all of them at once, then
paired and ranked in Python.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from cooperation.models import CooperationType, Kind, Opportunity, Side
from directory.models import Kind as OrganisationKind
from directory.models import Organisation, SpokenLanguage
from directory.nace import NaceRevision

T = CooperationType
# Pairs of types that make a partnership; a type paired with itself is shared by both partners.
COMPLEMENTARY = frozenset(
    frozenset(pair)
    for pair in [
        (T.SUPPLIER, T.BUYER),
        (T.SUPPLIER, T.DISTRIBUTOR),
        (T.JOINT_PROJECT,),
        (T.SUBCONTRACTING,),
        (T.TOURISM_PACKAGE,),
        (T.KNOW_HOW,),
        (T.OTHER,),
    ]
)
# At most this many candidates are read per page or digest (the newest): a bound on the cost.
CANDIDATE_LIMIT = 1000
MAX_LANGUAGE_POINTS = 2


def types_complement(first: str, second: str) -> bool:
    return frozenset((first, second)) in COMPLEMENTARY


def complementary_types(cooperation_type: str) -> set[str]:
    return {other for other in CooperationType.values if types_complement(cooperation_type, other)}


def opposite_kind(kind: str) -> str:
    return Kind.REQUEST if kind == Kind.OFFER else Kind.OFFER


def seeks_country(seeks: str, country: str) -> bool:
    return seeks in (country, Side.EITHER)


def across_the_border(first_country: str, first_seeks: str, second_country: str, second_seeks: str) -> bool:
    """Different countries, and each looks for partners where the other is."""
    return (
        first_country != second_country
        and seeks_country(first_seeks, second_country)
        and seeks_country(second_seeks, first_country)
    )


@dataclass(frozen=True)
class Match:
    """A candidate (an item or a company) for one of the owner's items, and why it ranks where it does."""

    candidate: object
    same_division: bool
    shared_languages: tuple[str, ...]
    newest: datetime | None

    @property
    def score(self) -> int:
        return (2 if self.same_division else 1) * 10 + min(len(self.shared_languages), MAX_LANGUAGE_POINTS)

    @property
    def shared_language_names(self) -> list[str]:
        labels = dict(SpokenLanguage.choices)
        return [str(labels.get(code, code)) for code in self.shared_languages]

    def sort_key(self):
        return (-self.score, -(self.newest.timestamp() if self.newest else 0), -self.candidate.pk)


@dataclass
class Suggestions:
    opportunity: Opportunity
    opportunities: list[Match] = field(default_factory=list)
    companies: list[Match] = field(default_factory=list)

    def __bool__(self):
        return bool(self.opportunities or self.companies)


def _match(item: Opportunity, *, division: str, languages: Iterable[str], candidate, newest) -> Match:
    return Match(
        candidate=candidate,
        same_division=bool(item.nace_division) and item.nace_division == division,
        shared_languages=tuple(sorted(set(item.languages) & set(languages))),
        newest=newest,
    )


def opportunity_fits(item: Opportunity, candidate: Opportunity) -> bool:
    """Whether two (public) items make partners; symmetric."""
    return (
        candidate.kind == opposite_kind(item.kind)
        and candidate.organisation_id != item.organisation_id
        and candidate.nace_section == item.nace_section
        and types_complement(item.cooperation_type, candidate.cooperation_type)
        and across_the_border(item.country, item.seeks, candidate.country, candidate.seeks)
    )


def company_fits(item: Opportunity, organisation: Organisation) -> bool:
    country = organisation.municipality.country
    return (
        organisation.pk != item.organisation_id
        and organisation.nace_section == item.nace_section
        and country != item.country
        and seeks_country(item.seeks, country)
    )


def suggestions_for(
    items: Iterable[Opportunity], *, limit: int = 10, company_limit: int = 5, since: datetime | None = None
) -> list[Suggestions]:
    """Ranked partners for each of ``items`` (public items, with ``organisation__municipality`` loaded).

    Two queries whatever the number of items: the candidate items and the
    candidate companies. ``since`` keeps only what was published (items) or
    joined the directory (companies) after it, for the digest.
    """
    items = list(items)
    if not items:
        return []
    sections = {item.nace_section for item in items}
    countries = {item.country for item in items}
    kinds = {opposite_kind(item.kind) for item in items}
    types = set().union(*(complementary_types(item.cooperation_type) for item in items))
    owner_organisations = {item.organisation_id for item in items}

    candidates = (
        Opportunity.objects.public()
        .for_listing()
        .filter(kind__in=kinds, nace_section__in=sections, cooperation_type__in=types)
        .exclude(organisation_id__in=owner_organisations)
    )
    companies = (
        Organisation.objects.published()
        .for_listing()
        .filter(
            kind=OrganisationKind.COMPANY,
            open_to_cooperation=True,
            nace_revision=NaceRevision.REV_2,
            nace_section__in=sections,
        )
        .exclude(pk__in=owner_organisations)
    )
    if len(countries) == 1:
        # The usual case: every item of the owner is in one country, so only the other one counts.
        candidates = candidates.exclude(organisation__municipality__country__in=countries)
        companies = companies.exclude(municipality__country__in=countries)
    if since is not None:
        candidates = candidates.filter(published_at__gt=since)
        companies = companies.filter(created_at__gt=since)
    candidates = list(candidates.newest_first()[:CANDIDATE_LIMIT])
    companies = list(companies.order_by("-updated_at", "-pk")[:CANDIDATE_LIMIT])

    results = []
    for item in items:
        found = Suggestions(opportunity=item)
        found.opportunities = sorted(
            (
                _match(
                    item,
                    division=candidate.nace_division,
                    languages=candidate.languages,
                    candidate=candidate,
                    newest=candidate.published_at,
                )
                for candidate in candidates
                if opportunity_fits(item, candidate)
            ),
            key=Match.sort_key,
        )[:limit]
        posters = {match.candidate.organisation_id for match in found.opportunities}
        found.companies = sorted(
            (
                _match(
                    item,
                    division=organisation.nace_division,
                    languages=organisation.languages,
                    candidate=organisation,
                    newest=organisation.updated_at,
                )
                for organisation in companies
                if organisation.pk not in posters and company_fits(item, organisation)
            ),
            key=Match.sort_key,
        )[:company_limit]
        results.append(found)
    return results

"""The board as open data: one JSON record per public item, in the language of the request.

Only what the board shows is exported: no address, phone or email of anybody.
``sr-latn`` gives the Serbian text in Latin letters (the Latin middleware
transliterates the whole response).
"""

from cooperation.models import Opportunity


def json_record(opportunity: Opportunity, *, request) -> dict:
    organisation = opportunity.organisation
    return {
        "id": opportunity.pk,
        "url": request.build_absolute_uri(opportunity.get_absolute_url()),
        "kind": opportunity.kind,
        "type": opportunity.cooperation_type,
        "title": opportunity.title,
        "description": opportunity.description,
        "written_in": opportunity.language,
        "nace_revision": "2",
        "nace_section": opportunity.nace_section,
        "nace_division": opportunity.nace_division,
        "sector": str(opportunity.sector_label),
        "partners_sought_in": opportunity.seeks,
        "languages": opportunity.languages,
        "company": organisation.name,
        "company_url": request.build_absolute_uri(organisation.get_absolute_url()),
        "municipality": organisation.municipality.slug,
        "country": organisation.municipality.country,
        "published_at": opportunity.published_at.isoformat() if opportunity.published_at else None,
        "expires_on": opportunity.expires_on.isoformat(),
        "is_demo": organisation.is_demo,
    }

"""The permission matrix: every registered admin × every admin route × users of each role.

Models registered later are covered automatically: each admin must declare its scope
(``MunicipalityContentAdmin``/``MunicipalityScopedAdminMixin`` or
``PortalAdministratorsOnlyAdminMixin``), and each municipality-scoped model needs an entry
in ``OBJECTS`` below that makes one of its rows in a given municipality.
"""

from collections.abc import Callable

import pytest
import reversion
from django.contrib import admin
from django.contrib.auth.models import Group, Permission, User
from django.db import models
from django.test import Client
from django.urls import reverse
from django.utils import translation
from reversion.models import Version

from core.models import Direction, Publishable
from search.models import Promotion, QueryStatistic, Synonym
from staff.admin.conflicts import row_token
from staff.admin.scoping import admin_scope_kind
from staff.history import recorded_changes
from staff.models import AuditAction, AuditEvent, FailedLogIn, LogIn, LogInAttempt, StaffRole
from staff.services import staff_member_appoint
from tests.civic.factories import (
    DocumentFactory,
    EnquiryFactory,
    EventFactory,
    LifeSituationFactory,
    MunicipalServiceFactory,
    NewsArticleFactory,
    PageFactory,
    ProgrammeFactory,
    ProjectFactory,
)
from tests.cooperation.factories import OpportunityFactory
from tests.directory.factories import OrganisationFactory
from tests.media_library.factories import AlbumFactory, VideoFactory, photo_make
from tests.tourism.factories import RouteFactory, SightFactory

pytestmark = pytest.mark.django_db

REFUSED = (302, 403, 404)


def _staff_member(municipality):
    user = User.objects.create_user(f"member-{municipality.slug}-{User.objects.count()}")
    staff_member_appoint(user=user, municipality=municipality, role=StaffRole.EDITOR)
    return user


def _registration(municipality):
    from django.utils import timezone

    from registrations.models import CompanyRegistration

    return CompanyRegistration.objects.create(
        municipality=municipality,
        name=f"Registration {CompanyRegistration.objects.count()}",
        contact_name="Ana",
        contact_email="ana@example.org",
        language="en",
        consented_at=timezone.now(),
        status="pending",
    )


def _proposed_change(municipality):
    from registrations.models import ProposedChange
    from tests.directory.factories import OrganisationFactory

    organisation = OrganisationFactory(municipality=municipality)
    return ProposedChange.objects.create(organisation=organisation, data={"description_en": "Proposed"})


def _company_claim(municipality):
    from django.utils import timezone

    from registrations.models import CompanyClaim

    return CompanyClaim.objects.create(
        organisation=OrganisationFactory(municipality=municipality),
        method=CompanyClaim.Method.EMAIL,
        document="claim-documents/2026/proof.pdf",  # either proof stays valid when a test changes the method
        contact_name="Ana",
        contact_email="ana@example.org",
        language="en",
        consented_at=timezone.now(),
        status=CompanyClaim.Status.PENDING,
    )


def _accessibility_statement(municipality):
    from django.utils import timezone

    from core.models import AccessibilityStatement

    return AccessibilityStatement.objects.get_or_create(
        municipality=municipality,
        defaults={
            "prepared_on": timezone.localdate(),
            **{f"enforcement_{code}": "Ombudsman" for code in ["bg", "sr", "en"]},
        },
    )[0]


def _featured_sight(municipality):
    from portal.models import FeaturedSight

    return FeaturedSight.objects.create(municipality=municipality, sight=SightFactory(municipality=municipality))


def _stale_organisation(municipality):
    from django.utils import timezone

    from upkeep.models import StaleOrganisation

    return StaleOrganisation.objects.get(
        pk=OrganisationFactory(municipality=municipality, stale_since=timezone.now()).pk
    )


def _entry_reference(municipality) -> dict:
    from django.contrib.contenttypes.models import ContentType

    organisation = OrganisationFactory(municipality=municipality)
    return {
        "content_type": ContentType.objects.get_for_model(organisation),
        "object_id": organisation.pk,
        "entry_name": str(organisation),
        "municipality": municipality,
    }


def _mistake_report(municipality):
    from upkeep.models import MistakeReport

    return MistakeReport.objects.create(**_entry_reference(municipality), message="Wrong phone", language="en")


def _link_check(municipality):
    from django.utils import timezone

    from upkeep.models import LinkCheck

    now = timezone.now()
    return LinkCheck.objects.create(
        **_entry_reference(municipality),
        kind="website",
        target="https://x.test/",
        ok=False,
        checked_at=now,
        failing_since=now,
    )


def _confirmation_request(municipality):
    from django.utils import timezone

    from upkeep.models import ConfirmationRequest

    return ConfirmationRequest.objects.create(
        organisation=OrganisationFactory(municipality=municipality),
        sent_to="owner@example.org",
        language="en",
        sent_at=timezone.now(),
    )


# One row of each municipality-scoped model in a given municipality.
OBJECTS: dict[str, Callable] = {
    "upkeep.MistakeReport": _mistake_report,
    "upkeep.LinkCheck": _link_check,
    "upkeep.ConfirmationRequest": _confirmation_request,
    "upkeep.StaleOrganisation": _stale_organisation,
    "core.AccessibilityStatement": _accessibility_statement,
    "portal.FeaturedSight": _featured_sight,
    "registrations.CompanyRegistration": _registration,
    "registrations.ProposedChange": _proposed_change,
    "registrations.CompanyClaim": _company_claim,
    "core.Municipality": lambda municipality: municipality,
    "core.InformationCentre": lambda municipality: municipality.information_centre,
    "auth.User": _staff_member,
    "civic.Document": lambda municipality: DocumentFactory(municipality=municipality),
    "civic.Enquiry": lambda municipality: EnquiryFactory(centre=municipality.information_centre),
    "civic.Event": lambda municipality: EventFactory(municipality=municipality),
    "civic.MunicipalService": lambda municipality: MunicipalServiceFactory(municipality=municipality),
    "civic.NewsArticle": lambda municipality: NewsArticleFactory(municipality=municipality),
    "civic.Page": lambda municipality: PageFactory(municipality=municipality),
    "civic.Project": lambda municipality: ProjectFactory(municipalities=[municipality]),
    "directory.Organisation": lambda municipality: OrganisationFactory(municipality=municipality),
    "cooperation.Opportunity": lambda municipality: OpportunityFactory(
        organisation=OrganisationFactory(municipality=municipality)
    ),
    "media_library.Album": lambda municipality: AlbumFactory(municipality=municipality),
    "media_library.Photo": lambda municipality: photo_make(AlbumFactory(municipality=municipality)),
    "media_library.Video": lambda municipality: VideoFactory(album__municipality=municipality),
    "tourism.Sight": lambda municipality: SightFactory(municipality=municipality),
    "tourism.Route": lambda municipality: RouteFactory(municipality=municipality),
    "staff.AuditEvent": lambda municipality: AuditEvent.objects.create(
        action=AuditAction.CHANGED, municipality=municipality, actor_name="someone", object_repr="an entry"
    ),
}
# Admins nobody may change (the audit log is read only, for portal administrators too).
READ_ONLY = {"staff.AuditEvent"}


# One row of each model only portal administrators manage.
def _search_entry():
    from search.models import SearchEntry
    from search.services import index_rebuild

    index_rebuild()
    return SearchEntry.objects.first()


def _only_synonym():
    """A synonym alone in its list (the 160 shipped ones would push it past the change list's first page)."""
    Synonym.objects.all().delete()
    return Synonym.objects.create(term="нощувка", words="хотел")


GLOBAL_OBJECTS: dict[str, Callable] = {
    "search.SearchEntry": _search_entry,
    "notifications.OutgoingEmail": lambda: __import__("notifications.models").models.OutgoingEmail.objects.create(
        to=["a@example.org"], subject="Undelivered", body="Body"
    ),
    "core.Direction": lambda: Direction.objects.first(),
    "auth.Group": lambda: Group.objects.get(name="Editors"),
    # django-axes' records, listed as the staff workspace's proxies (their names translated).
    "staff.LogInAttempt": lambda: LogInAttempt.objects.create(
        username="x", ip_address="10.0.0.1", failures_since_start=1
    ),
    "staff.LogIn": lambda: LogIn.objects.create(username="x", ip_address="10.0.0.1"),
    "staff.FailedLogIn": lambda: FailedLogIn.objects.create(username="x", ip_address="10.0.0.1"),
    "search.Synonym": lambda: _only_synonym(),
    "search.QueryStatistic": lambda: QueryStatistic.objects.create(query="копривщица", searches=1),
    "search.Promotion": lambda: Promotion.objects.create(query="копривщица", entry=_search_entry()),
    "civic.LifeSituation": LifeSituationFactory,
    "civic.Programme": ProgrammeFactory,
}

REGISTERED = sorted(admin.site._registry.items(), key=lambda item: item[0]._meta.label)
SCOPED = [model._meta.label for model, model_admin in REGISTERED if admin_scope_kind(model_admin) == "municipality"]
GLOBAL = [model._meta.label for model, model_admin in REGISTERED if admin_scope_kind(model_admin) == "administrators"]


def test_every_registered_admin_declares_how_it_is_scoped():
    unscoped = [model._meta.label for model, model_admin in REGISTERED if admin_scope_kind(model_admin) is None]
    assert not unscoped, (
        f"Admins without a scope: {unscoped}. Base them on MunicipalityContentAdmin (content of a "
        "municipality) or GlobalContentAdmin / PortalAdministratorsOnlyAdminMixin (docs/STAFF.md)."
    )


def test_every_scoped_admin_has_a_row_factory_in_this_matrix():
    missing = [label for label in SCOPED if label not in OBJECTS]
    assert not missing, f"Add a row factory to OBJECTS in {__file__} for {missing}"
    missing = [label for label in GLOBAL if label not in GLOBAL_OBJECTS]
    assert not missing, f"Add a row factory to GLOBAL_OBJECTS in {__file__} for {missing}"


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _url(model, name, *args) -> str:
    opts = model._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{name}", args=args)


def _stored(obj) -> dict | None:
    return type(obj)._base_manager.filter(pk=obj.pk).values().first()


def _result_pks(response) -> set:
    return {row.pk for row in response.context["cl"].result_list}


def _forged_post(obj) -> dict:
    """A change POST that would move the row and rename it, had it been accepted."""
    data = {"_conflict_token": "forged", "email": "forged@example.org"}
    for field in obj._meta.concrete_fields:
        if field.name.startswith("name") or field.name in {"username", "first_name"}:
            data[field.name] = "forged"
    return data


def _versioned(obj, user):
    """A recorded version of ``obj``, so that history, revert and recover routes have a target."""
    if not reversion.is_registered(type(obj)):
        return None  # accounts keep no history: it would copy password hashes
    with recorded_changes(user=user, comment="matrix"):
        obj.save()
    return Version.objects.get_for_object(obj).first()


def _autocomplete_sources(model):
    """(app_label, model_name, field_name) of every admin autocomplete field that points at ``model``."""
    for source, source_admin in admin.site._registry.items():
        for field_name in source_admin.autocomplete_fields:
            if source._meta.get_field(field_name).related_model is model:
                yield source._meta.app_label, source._meta.model_name, field_name


def assert_refused_or_filtered(client, model, obj, model_admin):
    """Every admin route, read and write, leaves ``obj`` unseen and unchanged for ``client``."""
    before = _stored(obj)
    pk = obj.pk
    version = Version.objects.get_for_object(obj).first() if reversion.is_registered(model) else None

    changelist = client.get(_url(model, "changelist"))
    assert changelist.status_code in (200, *REFUSED)
    if changelist.status_code == 200:
        assert pk not in _result_pks(changelist)
        # Raw-id lookup popups and searches go through the same change list.
        popup = client.get(_url(model, "changelist"), {"_to_field": "id", "_popup": "1"})
        assert pk not in _result_pks(popup)

    for url in (_url(model, "change", pk), _url(model, "delete", pk), _url(model, "history", pk)):
        response = client.get(url)
        assert response.status_code in REFUSED, url
    assert client.post(_url(model, "change", pk), _forged_post(obj)).status_code in REFUSED
    assert client.post(_url(model, "delete", pk), {"post": "yes"}).status_code in REFUSED
    if version is not None:
        revision = _url(model, "revision", pk, version.pk)
        assert client.get(revision).status_code in REFUSED
        assert client.post(revision, _forged_post(obj)).status_code in REFUSED

    # Actions: a forged selection of the row does nothing.
    for action in ("delete_selected", *[name for name in (model_admin.actions or []) if isinstance(name, str)]):
        client.post(_url(model, "changelist"), {"action": action, "_selected_action": [pk], "post": "yes"})
    # List editing: a forged form for the row does nothing.
    if model_admin.list_editable:
        client.post(_url(model, "changelist"), _list_edit_post(model_admin, obj)[0])
    for app_label, model_name, field_name in _autocomplete_sources(model):
        response = client.get(
            "/admin/autocomplete/", {"app_label": app_label, "model_name": model_name, "field_name": field_name}
        )
        if response.status_code == 200:
            assert str(pk) not in {row["id"] for row in response.json()["results"]}
        else:
            assert response.status_code in REFUSED

    assert _stored(obj) == before, "a refused user changed the row"


def _surely_valid(field) -> bool:
    """Whether ``_list_edit_post`` forges a value ``field`` accepts (another choice, an email, a number)."""
    return bool(field.choices) or isinstance(field, models.EmailField | models.IntegerField)


def _list_edit_post(model_admin, obj) -> tuple[dict, str, object]:
    """A list-editing POST that sets the first editable field of ``obj`` to a new valid value."""
    field = obj._meta.get_field(model_admin.list_editable[0])
    if field.choices:
        value = next(choice for choice, _label in field.flatchoices if choice != getattr(obj, field.attname))
    elif isinstance(field, models.EmailField):
        value = "forged@example.org"
    elif isinstance(field, models.IntegerField):
        value = 7
    else:
        value = "forged"
    data = {
        "form-TOTAL_FORMS": "1",
        "form-INITIAL_FORMS": "1",
        "form-MIN_NUM_FORMS": "0",
        "form-MAX_NUM_FORMS": "1000",
        "form-0-id": str(obj.pk),
        f"form-0-{field.name}": str(value),
        # The row as the list showed it (the conflict check compares it with the stored row).
        "form-0-conflict_token": row_token(type(obj)._base_manager.get(pk=obj.pk)),
        "_save": "Save",
    }
    return data, field.attname, value


USERS_OF_THE_OTHER_MUNICIPALITY = ["other_editor", "other_moderator", "outsider"]


@pytest.mark.parametrize("label", SCOPED)
@pytest.mark.parametrize("username", USERS_OF_THE_OTHER_MUNICIPALITY)
def test_a_user_of_the_other_municipality_is_refused_or_filtered_on_every_route(staff, label, username):
    model = next(model for model, _ in REGISTERED if model._meta.label == label)
    obj = OBJECTS[label](staff.home)
    _versioned(obj, staff.superuser)
    assert_refused_or_filtered(_client(getattr(staff, username)), model, obj, admin.site._registry[model])


# Scoped admins left out of the list-editing check below, each with its reason: their change list
# shows no plain, editable field besides the link column, so no list editing could be switched on
# to forge. Their actions and every other route are still checked for the other municipality
# (test_a_user_of_the_other_municipality_is_refused_or_filtered_on_every_route), and
# test_the_admins_left_out_of_list_editing_have_nothing_to_edit keeps this list true.
NOTHING_TO_LIST_EDIT = {
    "upkeep.StaleOrganisation": (
        "a read-only queue of organisations: its columns are the link (name), dates computed from "
        "the entry, and created_at, which no form edits; confirming is an action"
    ),
}


def _list_editable_candidates(model, model_admin) -> list[str]:
    """The plain, editable fields of the change list (the link column aside), surely valid forgeries first."""
    plain = {field.name for field in model._meta.concrete_fields if not field.is_relation and field.editable}
    editable = [name for name in model_admin.list_display[1:] if isinstance(name, str) and name in plain]
    # Fields whose forged value is surely valid first (a free-text field may have its own rules).
    return sorted(editable, key=lambda name: not _surely_valid(model._meta.get_field(name)))


def test_the_admins_left_out_of_list_editing_have_nothing_to_edit():
    for label in NOTHING_TO_LIST_EDIT:
        assert label in SCOPED, f"{label} is no longer a scoped admin: take it off NOTHING_TO_LIST_EDIT"
        model = next(model for model, _ in REGISTERED if model._meta.label == label)
        assert _list_editable_candidates(model, admin.site._registry[model]) == [], (
            f"{label} now lists a field to edit: take it off NOTHING_TO_LIST_EDIT so the check runs on it"
        )


@pytest.mark.parametrize(
    "label", [label for label in SCOPED if label not in READ_ONLY and label not in NOTHING_TO_LIST_EDIT]
)
def test_list_editing_and_actions_cannot_reach_the_other_municipality(staff, label, monkeypatch):
    """Even an admin that allowed list editing could not edit another municipality's rows."""
    model = next(model for model, _ in REGISTERED if model._meta.label == label)
    model_admin = admin.site._registry[model]
    editable = _list_editable_candidates(model, model_admin)
    assert editable, f"{label}'s list shows no field to edit: add it to NOTHING_TO_LIST_EDIT with the reason"
    monkeypatch.setattr(model_admin, "list_editable", (editable[0],))
    obj = OBJECTS[label](staff.home)
    assert_refused_or_filtered(_client(staff.other_editor), model, obj, model_admin)

    # The same POST from a user allowed to change the row does change it: the forgery was well formed.
    data, attname, value = _list_edit_post(model_admin, obj)
    response = _client(staff.superuser).post(_url(model, "changelist"), data)
    assert response.status_code == 302
    assert str(_stored(obj)[attname]) == str(value)


@pytest.mark.parametrize("label", GLOBAL)
@pytest.mark.parametrize("username", ["editor", "moderator", "other_editor", "outsider"])
def test_global_records_are_for_portal_administrators_only(staff, label, username):
    model = next(model for model, _ in REGISTERED if model._meta.label == label)
    obj = GLOBAL_OBJECTS[label]()
    # Even a group given the model's permissions by mistake does not open it to staff.
    codenames = [f"{action}_{model._meta.model_name}" for action in ("view", "change", "delete")]
    permissions = Permission.objects.filter(content_type__app_label=model._meta.app_label, codename__in=codenames)
    for group in Group.objects.filter(name__in=["Editors", "Moderators"]):
        group.permissions.add(*permissions)
    client = _client(getattr(staff, username))
    before = _stored(obj)
    assert client.get(_url(model, "changelist")).status_code in REFUSED
    assert client.get(_url(model, "change", obj.pk)).status_code in REFUSED
    assert client.post(_url(model, "change", obj.pk), {"name_bg": "forged"}).status_code in REFUSED
    assert client.post(_url(model, "delete", obj.pk), {"post": "yes"}).status_code in REFUSED
    assert _stored(obj) == before


@pytest.mark.parametrize("label", SCOPED + GLOBAL)
def test_portal_administrators_and_superusers_reach_every_admin(staff, label):
    model = next(model for model, _ in REGISTERED if model._meta.label == label)
    obj = OBJECTS[label](staff.other) if label in OBJECTS else GLOBAL_OBJECTS[label]()
    for user in (staff.administrator, staff.superuser):
        client = _client(user)
        changelist = client.get(_url(model, "changelist"))
        assert changelist.status_code == 200
        assert obj.pk in _result_pks(changelist)
        assert client.get(_url(model, "change", obj.pk)).status_code == 200


@pytest.mark.parametrize("label", SCOPED)
def test_staff_of_the_same_municipality_see_their_rows_where_their_role_allows(staff, label):
    model = next(model for model, _ in REGISTERED if model._meta.label == label)
    model_admin = admin.site._registry[model]
    obj = OBJECTS[label](staff.home)
    for user, role in ((staff.editor, StaffRole.EDITOR), (staff.moderator, StaffRole.MODERATOR)):
        client = _client(user)
        granted = model_admin.role_permissions.get(role, ())
        changelist = client.get(_url(model, "changelist"))
        if "view" in granted or "change" in granted:
            assert changelist.status_code == 200
            assert obj.pk in _result_pks(changelist)
            assert client.get(_url(model, "change", obj.pk)).status_code == 200
        else:
            assert changelist.status_code == 403
        assert (client.get(_url(model, "add")).status_code == 200) == ("add" in granted)


# --- Album attachments: the target page is scoped too -----------------------------------------------


def _attach(client, album, content_type, object_id):
    """Post the album's change form with one new attachment row."""
    from tests.portal.admin_forms import change_form_data

    url = _url(type(album), "change", album.pk)
    data = change_form_data(client.get(url))
    rows = int(data["attachments-TOTAL_FORMS"])
    data.update(
        {
            "attachments-TOTAL_FORMS": str(rows + 1),
            f"attachments-{rows}-content_type": str(content_type.pk),
            f"attachments-{rows}-object_id": str(object_id),
            f"attachments-{rows}-order": "0",
        }
    )
    return client.post(url, data)


def test_staff_attach_their_albums_only_to_entries_they_may_change(staff):
    from django.contrib.contenttypes.models import ContentType

    from media_library.models import AlbumAttachment

    album = AlbumFactory(municipality=staff.home)
    organisation_type = ContentType.objects.get_for_model(OrganisationFactory._meta.model)
    theirs = OrganisationFactory(municipality=staff.other)
    client = _client(staff.editor)

    refused = _attach(client, album, organisation_type, theirs.pk)  # a forged target of the other municipality
    assert refused.status_code == 200
    assert not AlbumAttachment.objects.exists()
    for target in (Direction.objects.first(), staff.editor):  # global records, accounts: not pages staff change
        refused = _attach(client, album, ContentType.objects.get_for_model(target), target.pk)
        assert refused.status_code == 200
        assert not AlbumAttachment.objects.exists()

    ours = OrganisationFactory(municipality=staff.home)
    assert _attach(client, album, organisation_type, ours.pk).status_code == 302
    assert AlbumAttachment.objects.get().content_object == ours


def test_an_attachment_to_the_other_municipality_is_not_shown_to_staff(staff):
    """A portal administrator may attach an album to any page; staff do not see the other page through it."""
    from media_library.models import AlbumAttachment

    album = AlbumFactory(municipality=staff.home)
    theirs = OrganisationFactory(municipality=staff.other, name_en="Their secret mill")
    AlbumAttachment.objects.create(album=album, content_object=theirs)
    client = _client(staff.editor)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    page = client.get(_url(type(album), "change", album.pk))
    their_page = _url(type(theirs), "change", theirs.pk)
    assert "Their secret mill" not in page.content.decode() and their_page not in page.content.decode()
    assert "an entry you cannot open" in page.content.decode()
    # The album itself stays editable: the existing row is kept as it is.
    from tests.portal.admin_forms import change_form_data

    saved = client.post(_url(type(album), "change", album.pk), change_form_data(page, title_en="Renamed"))
    assert saved.status_code == 302
    assert AlbumAttachment.objects.get().content_object == theirs
    assert their_page in _client(staff.administrator).get(_url(type(album), "change", album.pk)).content.decode()


# --- Preview, share links and review (staff.admin.publishing, portal.preview) ------------------

# Proxies (upkeep's queue of stale organisations) are other lists of a model whose own admin
# previews, shares and reviews it.
PUBLISHABLE = [model._meta.label for model, _ in REGISTERED if issubclass(model, Publishable) and not model._meta.proxy]


def test_every_publishable_admin_has_its_preview_share_and_review_routes():
    assert len(PUBLISHABLE) == 10, PUBLISHABLE
    for label in PUBLISHABLE:
        model = next(model for model, _ in REGISTERED if model._meta.label == label)
        assert _url(model, "review", 1) and _url(model, "share", 1)


@pytest.mark.parametrize("label", PUBLISHABLE)
def test_the_other_municipality_cannot_preview_share_or_review(staff, label):
    from django.contrib.contenttypes.models import ContentType

    from core.models import PublicationStatus

    model = next(model for model, _ in REGISTERED if model._meta.label == label)
    obj = OBJECTS[label](staff.home)
    model._base_manager.filter(pk=obj.pk).update(status=PublicationStatus.DRAFT, review_state="submitted")
    with translation.override("en"):  # the preview pages activate their language
        before = _stored(obj)
    preview = f"/en/preview/{ContentType.objects.get_for_model(model).pk}/{obj.pk}/"
    for username in USERS_OF_THE_OTHER_MUNICIPALITY:
        client = _client(getattr(staff, username))
        assert client.get(preview).status_code in REFUSED
        for name in ("review", "share"):
            assert client.get(_url(model, name, obj.pk)).status_code in REFUSED
        for action in ("submit", "publish", "send_back"):
            data = {"action": action, "comment": "forged"}
            assert client.post(_url(model, "review", obj.pk), data).status_code in REFUSED
        for action in ("create", "revoke"):
            assert client.post(_url(model, "share", obj.pk), {"action": action}).status_code in REFUSED
    assert Client().get(preview).status_code in REFUSED
    with translation.override("en"):
        assert _stored(obj) == before
    # Their own staff reach all three.
    client = _client(staff.editor)
    assert client.get(preview).status_code == 200
    assert client.get(_url(model, "review", obj.pk)).status_code == 200
    assert client.get(_url(model, "share", obj.pk)).status_code == 200

import pytest
from django.core.management import call_command


@pytest.fixture
def demo_content(db):
    """The demo content of every app, as `make run` loads it."""
    call_command("load_demo_content", stdout=open("/dev/null", "w"))  # noqa: SIM115


@pytest.fixture
def cyrillic_free():
    """Assert that a text has no Cyrillic letter, naming the first ones found."""
    from portal.transliteration import CYRILLIC_WORD

    def check(text: str, where: str = "") -> None:
        found = CYRILLIC_WORD.findall(text)
        assert not found, f"Cyrillic on a Latin page {where}: {found[:10]}"

    return check


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Every test writes its uploads and renditions under its own temporary folder, never under var/."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MEDIA_LIBRARY_ORIGINALS_ROOT = tmp_path / "originals"
    return settings.MEDIA_ROOT


@pytest.fixture
def staff(db):
    """Both municipalities with their centres and one account per role (docs/STAFF.md).

    ``staff.editor`` and ``staff.moderator`` work for Koprivshtitsa, ``staff.other_editor``
    and ``staff.other_moderator`` for Medijana; ``staff.administrator`` is a portal
    administrator (not a superuser), ``staff.superuser`` a superuser, ``staff.outsider``
    a logged-in user who is not staff.
    """
    from types import SimpleNamespace

    from django.contrib.auth.models import Group, User

    from portal.models import Country, StaffRole
    from portal.roles import PORTAL_ADMINISTRATORS_GROUP
    from portal.services import roles_sync, staff_member_appoint
    from tests.portal.factories import InformationCentreFactory, MunicipalityFactory

    roles_sync()
    home = MunicipalityFactory(slug="koprivshtitsa", country=Country.BULGARIA)
    other = MunicipalityFactory(slug="medijana", country=Country.SERBIA)
    InformationCentreFactory(municipality=home)
    InformationCentreFactory(municipality=other)

    def member(username, municipality, role):
        user = User.objects.create_user(username, f"{username}@example.org")
        staff_member_appoint(user=user, municipality=municipality, role=role)
        return user

    administrator = User.objects.create_user("administrator", "a@example.org", is_staff=True)
    administrator.groups.add(Group.objects.get(name=PORTAL_ADMINISTRATORS_GROUP))
    return SimpleNamespace(
        home=home,
        other=other,
        editor=member("editor-home", home, StaffRole.EDITOR),
        moderator=member("moderator-home", home, StaffRole.MODERATOR),
        other_editor=member("editor-other", other, StaffRole.EDITOR),
        other_moderator=member("moderator-other", other, StaffRole.MODERATOR),
        administrator=administrator,
        superuser=User.objects.create_superuser("root", "root@example.org"),
        outsider=User.objects.create_user("outsider", "o@example.org"),
    )

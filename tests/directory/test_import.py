"""Bulk import of organisations: all or nothing, idempotent, scoped, from CSV and XLSX."""

import csv
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from openpyxl import load_workbook
from reversion.models import Version

from core.models import Country
from directory import importing, services
from directory.identifiers import eik_check_digit, pib_check_digit
from directory.models import Organisation, OrganisationImport
from search.models import SearchEntry
from staff.history import recorded_changes
from tests.directory.factories import OrganisationFactory
from tests.markup import flat
from tests.portal.factories import MunicipalityFactory

pytestmark = pytest.mark.django_db

HEADER = ["eik", "name_bg", "name_en", "kind", "directions", "postal_code", "phones", "languages"]


@pytest.fixture(autouse=True)
def import_root(settings, tmp_path):
    """Uploads waiting for confirmation go to the test's own folder, never under var/."""
    settings.DIRECTORY_IMPORT_ROOT = tmp_path / "imports"
    return settings.DIRECTORY_IMPORT_ROOT


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def eik(number: int) -> str:
    prefix = f"{17_600_000 + number:08d}"
    return prefix + str(eik_check_digit(prefix))


def pib(number: int) -> str:
    prefix = f"{19_800_000 + number:08d}"
    return prefix + str(pib_check_digit(prefix))


def bulgarian_row(number: int, **cells) -> list[str]:
    row = {
        "eik": eik(number),
        "name_bg": f"Мелница „Богдан“ {number} ООД",
        "name_en": f"Bogdan Mill {number} OOD",
        "kind": "company",
        "directions": "business|tourism",
        "postal_code": "2077",
        "phones": "+359 7184 2180",
        "languages": "bg|en",
        **cells,
    }
    return [row[column] for column in HEADER]


def csv_bytes(rows, header=HEADER, delimiter=",", bom=True) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8-sig" if bom else "utf-8")


def table(rows, **kwargs) -> importing.Table:
    return importing.read_file("organisations.csv", csv_bytes(rows, **kwargs))


def run_import(municipality, rows, user=None):
    return services.organisations_import(rows=table(rows), municipality=municipality, by=user)


@pytest.fixture
def koprivshtitsa():
    return MunicipalityFactory(slug="koprivshtitsa", country=Country.BULGARIA)


def test_a_file_with_one_bad_row_imports_nothing_and_reports_that_row(koprivshtitsa):
    rows = [bulgarian_row(1), bulgarian_row(2, eik="175000001"), bulgarian_row(3)]
    with pytest.raises(services.ImportRefused) as refused:
        run_import(koprivshtitsa, rows)
    assert Organisation.objects.count() == 0
    assert [(error.line, error.column) for error in refused.value.plan.errors] == [(3, "eik")]
    assert "check digit" in refused.value.plan.errors[0].message


def test_every_error_of_every_row_is_reported_with_its_column(koprivshtitsa):
    rows = [
        bulgarian_row(1, postal_code="20770", phones="12"),
        bulgarian_row(2, kind="castle", languages="bg|xx", directions="nowhere"),
        bulgarian_row(3, name_bg="", name_en=""),
    ]
    plan = importing.plan(table(rows), municipality=koprivshtitsa)
    found = {(error.line, error.column) for error in plan.errors}
    assert found == {
        (2, "postal_code"),
        (2, "phones"),
        (3, "kind"),
        (3, "languages"),
        (3, "directions"),
        (4, "name_bg"),
    }
    assert plan.error_lines == 3 and not plan.created


def test_errors_are_in_the_staff_members_language(koprivshtitsa):
    with translation.override("bg"):
        plan = importing.plan(table([bulgarian_row(1, postal_code="1")]), municipality=koprivshtitsa)
    assert plan.errors[0].message == "Пощенският код в тази държава има 4 цифри."


def test_an_import_creates_normalised_findable_organisations_in_one_summary_revision(staff):
    plan = run_import(staff.home, [bulgarian_row(1), bulgarian_row(2)], user=staff.superuser)
    assert len(plan.created) == 2
    organisation = Organisation.objects.get(eik=eik(1))
    assert organisation.municipality == staff.home
    assert organisation.phones == ["+35971842180"]
    assert sorted(organisation.directions.values_list("slug", flat=True)) == ["business", "tourism"]
    assert organisation.slug == "bogdan-mill-1-ood"
    # Imported as drafts (the default): nobody finds them yet.
    assert not Organisation.objects.matching("Melnitsa Bogdan").exists()
    # One revision for the whole import (who, when, what), no version per organisation.
    assert not Version.objects.get_for_model(Organisation).exists()
    record = OrganisationImport.objects.get()
    assert record.revision.user == staff.superuser
    assert record.revision.comment == "Import of —: 2 new, 0 updated, 0 unchanged."
    assert (record.municipality, record.created_count, record.updated_count) == (staff.home, 2, 0)
    assert sorted(record.created_ids) == sorted(Organisation.objects.values_list("pk", flat=True))
    assert plan.record == record


def test_an_import_writes_with_the_same_number_of_queries_for_any_number_of_rows(
    koprivshtitsa, django_assert_max_num_queries
):
    OrganisationFactory(municipality=koprivshtitsa, eik=eik(900), name_en="Stored")
    with django_assert_max_num_queries(30) as few:
        run_import(koprivshtitsa, [bulgarian_row(1), bulgarian_row(900, name_en="Renamed")])
    with django_assert_max_num_queries(len(few.captured_queries)):
        run_import(
            koprivshtitsa,
            [bulgarian_row(number) for number in range(2, 60)] + [bulgarian_row(900, name_en="Renamed again")],
        )
    assert Organisation.objects.count() == 60
    assert Organisation.objects.get(eik=eik(900)).name_en == "Renamed again"


def test_imported_organisations_are_found_once_published_and_no_longer_once_archived(koprivshtitsa):
    header = [*HEADER, "status"]
    rows = [[*bulgarian_row(number), "published"] for number in range(1, 31)]
    services.organisations_import(rows=table(rows, header=header), municipality=koprivshtitsa, by=None)
    found = Organisation.objects.matching("Melnitsa Bogdan")
    assert found.count() == 30
    assert {entry.kind for entry in SearchEntry.objects.matching("Мелница Богдан")} == {"organisation"}
    # Indexed from the objects the import holds, with the directions of their rows.
    first = Organisation.objects.get(eik=eik(1))
    assert SearchEntry.objects.get(kind="organisation", object_id=first.pk).directions == ["business", "tourism"]
    assert Organisation.objects.matching("Melnitsa Bogdan").filter(directions__slug="tourism").count() == 30
    rows[0][-1] = "archived"
    services.organisations_import(rows=table(rows, header=header), municipality=koprivshtitsa, by=None)
    assert Organisation.objects.matching("Melnitsa Bogdan").count() == 29
    assert not Organisation.objects.matching(f"Bogdan Mill 1 OOD {eik(1)}").exists()


def test_the_search_index_of_an_import_takes_the_same_queries_for_5_and_50_rows(koprivshtitsa):
    header = [*HEADER, "status"]
    counts = []
    for first, count in ((1, 5), (100, 50)):
        rows = [[*bulgarian_row(number), "published"] for number in range(first, first + count)]
        with CaptureQueriesContext(connection) as queries:
            services.organisations_import(rows=table(rows, header=header), municipality=koprivshtitsa, by=None)
        counts.append(sum("search_searchentry" in query["sql"] for query in queries.captured_queries))
    assert counts[0] == counts[1]
    assert SearchEntry.objects.filter(kind="organisation").count() == 55


def test_importing_the_same_file_again_changes_nothing(koprivshtitsa):
    rows = [bulgarian_row(number) for number in range(1, 6)]
    run_import(koprivshtitsa, rows)
    stamps = dict(Organisation.objects.values_list("pk", "updated_at"))
    versions = Version.objects.count()
    again = run_import(koprivshtitsa, rows)
    assert (len(again.created), len(again.updated), again.unchanged) == (0, 0, 5)
    assert dict(Organisation.objects.values_list("pk", "updated_at")) == stamps
    assert Version.objects.count() == versions


def test_a_changed_row_updates_only_the_columns_in_the_file(koprivshtitsa):
    existing = OrganisationFactory(
        municipality=koprivshtitsa, eik=eik(1), description_en="Kept.", email="old@example.org", directions=["culture"]
    )
    header = ["eik", "email"]
    plan = services.organisations_import(
        rows=table([[eik(1), "new@example.org"]], header=header), municipality=koprivshtitsa, by=None
    )
    assert (len(plan.created), len(plan.updated)) == (0, 1)
    existing.refresh_from_db()
    assert existing.email == "new@example.org"
    assert existing.description_en == "Kept."
    assert list(existing.directions.values_list("slug", flat=True)) == ["culture"]


def test_an_organisation_of_another_municipality_is_never_changed(koprivshtitsa):
    elsewhere = OrganisationFactory(
        municipality=MunicipalityFactory(country=Country.BULGARIA), eik=eik(1), name_en="Elsewhere"
    )
    with pytest.raises(services.ImportRefused) as refused:
        run_import(koprivshtitsa, [bulgarian_row(1)])
    assert refused.value.plan.errors[0].column == "eik"
    elsewhere.refresh_from_db()
    assert elsewhere.name_en == "Elsewhere"


def test_identifiers_repeated_in_the_file_or_owned_by_another_entry_are_refused(koprivshtitsa):
    OrganisationFactory(municipality=koprivshtitsa, eik=eik(9), vat_number="BG" + eik(9))
    rows = [bulgarian_row(1), bulgarian_row(1), bulgarian_row(2)]
    header = [*HEADER, "vat_number"]
    rows = [rows[0] + [""], rows[1] + [""], rows[2] + ["BG" + eik(9)]]
    plan = importing.plan(table(rows, header=header), municipality=koprivshtitsa)
    assert {(error.line, error.column) for error in plan.errors} == {(3, "eik"), (4, "vat_number")}


def test_a_serbian_municipality_is_keyed_by_pib_and_refuses_bulgarian_identifiers():
    medijana = MunicipalityFactory(slug="medijana", country=Country.SERBIA)
    header = ["pib", "mb", "eik", "name_sr", "postal_code", "phones"]
    rows = [[pib(1), "21000019", "", "Пекара „Липа“", "18000", "018 234567"], [pib(2), "", eik(1), "Млин", "", ""]]
    plan = importing.plan(table(rows, header=header), municipality=medijana)
    assert [(error.line, error.column) for error in plan.errors] == [(3, "eik")]
    assert plan.created[0].phones == ["+38118234567"]
    with pytest.raises(ValidationError, match="pib"):
        importing.plan(table([bulgarian_row(1)]), municipality=medijana)


@pytest.mark.parametrize("delimiter,bom", [(",", True), (";", True), (";", False), (",", False)])
def test_csv_is_read_with_or_without_bom_and_with_commas_or_semicolons(delimiter, bom):
    read = table([bulgarian_row(1, name_en="Mill; with, both")], delimiter=delimiter, bom=bom)
    assert read.columns == HEADER
    assert read.rows[0]["name_en"] == "Mill; with, both"
    assert read.rows[0]["name_bg"] == "Мелница „Богдан“ 1 ООД"


def test_xlsx_is_read_like_csv(koprivshtitsa):
    data = importing.write_xlsx([importing.cells(Organisation(eik=eik(1), name_en="Mill", kind="company"), [])])
    read = importing.read_file("organisations.xlsx", data)
    assert read.rows[0]["eik"] == eik(1)
    assert read.rows[0]["name_en"] == "Mill"
    plan = importing.plan(read, municipality=koprivshtitsa)
    assert plan.errors == [importing.RowError(2, "directions", "Give at least one direction.")]


@pytest.mark.parametrize(
    "name,data,message",
    [
        ("organisations.csv", b"PK\x03\x04 a zip pretending", "CSV or XLSX"),
        ("organisations.xlsx", b"eik,name_bg\n1,a\n", "CSV or XLSX"),
        ("organisations.xlsx", b"PK\x03\x04 not really a zip", "not an XLSX"),
        ("organisations.csv", "eik,name_bg\n1,мелница\n".encode("cp1251"), "UTF-8"),
        ("organisations.csv", b"eik,colour\n1,red\n", "Unknown columns: colour"),
        ("organisations.csv", b"eik,name_bg\n", "no rows"),
        ("organisations.txt", b"eik,name_bg\n1,a\n", "CSV or XLSX"),
    ],
)
def test_files_are_judged_by_their_content(name, data, message):
    with pytest.raises(ValidationError, match=message):
        importing.read_file(name, data)


def test_a_file_over_the_limits_is_refused(settings):
    settings.DIRECTORY_IMPORT_MAX_ROWS = 2
    with pytest.raises(ValidationError, match="more than 2 rows"):
        table([bulgarian_row(1), bulgarian_row(2), bulgarian_row(3)])
    settings.DIRECTORY_IMPORT_MAX_BYTES = 10
    with pytest.raises(ValidationError, match="larger than"):
        table([bulgarian_row(1)])


# --- The template ------------------------------------------------------------------------------


@pytest.mark.parametrize("country", [Country.BULGARIA, Country.SERBIA])
@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_the_template_round_trips(country, file_format):
    municipality = MunicipalityFactory(country=country)
    line = importing.example(country)
    data = importing.write_csv([line]) if file_format == "csv" else importing.write_xlsx([line])
    plan = importing.plan(importing.read_file(f"template.{file_format}", data), municipality=municipality)
    assert plan.errors == [] and len(plan.created) == 1
    services.organisations_import(
        rows=importing.read_file(f"template.{file_format}", data), municipality=municipality, by=None
    )
    again = importing.plan(importing.read_file(f"template.{file_format}", data), municipality=municipality)
    assert again.unchanged == 1


def test_template_cells_are_formula_safe():
    line = importing.cells(Organisation(name_en='=HYPERLINK("http://x")', phones=["+35971842180"]), ["business"])
    csv_line = next(csv.reader(io.StringIO(importing.write_csv([line]).decode("utf-8-sig").splitlines()[1])))
    sheet = load_workbook(io.BytesIO(importing.write_xlsx([line]))).worksheets[0]
    xlsx_line = [cell.value for cell in sheet[2]]
    for cells in (csv_line, xlsx_line):
        assert cells[importing.COLUMNS.index("name_en")] == '\'=HYPERLINK("http://x")'
        assert cells[importing.COLUMNS.index("phones")] == "'+35971842180"
        assert {cell.data_type for cell in sheet[2]} <= {"s", "inlineStr", "n"}
        assert not any(str(cell).startswith(("=", "+", "-", "@")) for cell in cells if cell)


# --- The admin -----------------------------------------------------------------------------------


@pytest.fixture
def staff(staff):
    """The staff accounts, with the role groups holding the organisation permissions.

    ``manage.py sync_roles`` grants them once OrganisationAdmin declares its roles
    (MunicipalityContentAdmin); until then the test grants them itself.
    """
    from django.contrib.auth.models import Group, Permission

    permissions = Permission.objects.filter(content_type__app_label="directory", codename__endswith="_organisation")
    for name in ("Editors", "Moderators"):
        Group.objects.get(name=name).permissions.add(*permissions)
    return staff


def logged_in(user) -> Client:
    client = Client(headers={"accept-language": "en"})
    client.force_login(user)
    return client


def upload(client, data: bytes, name="organisations.csv", **fields):
    return client.post("/admin/directory/organisation/import/", {"file": SimpleUploadedFile(name, data), **fields})


def test_staff_upload_check_and_confirm_into_their_own_municipality(staff):
    client = logged_in(staff.editor)
    assert b"/admin/directory/organisation/import/" in client.get("/admin/directory/organisation/").content
    response = upload(client, csv_bytes([bulgarian_row(1), bulgarian_row(2)]))
    assert response.status_code == 302
    preview = client.get(response["Location"])
    assert preview.context["plan"].created and not preview.context["plan"].errors
    assert b'class="import-count-created">2<' in preview.content
    assert b"import-confirm" in preview.content
    assert Organisation.objects.count() == 0
    confirmed = client.post(response["Location"])
    assert confirmed.status_code == 302
    assert set(Organisation.objects.values_list("municipality", flat=True)) == {staff.home.pk}
    assert list(staff.editor.revision_set.values_list("comment", flat=True)) == [
        "Import of organisations.csv: 2 new, 0 updated, 0 unchanged."
    ]
    assert client.post(response["Location"]).status_code == 302  # nothing waits any more
    assert Organisation.objects.count() == 2


def test_the_check_page_lists_every_row_error_and_offers_no_import(staff):
    client = logged_in(staff.editor)
    response = upload(client, csv_bytes([bulgarian_row(1), bulgarian_row(2, postal_code="x")]))
    preview = client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="bg")
    assert "Пощенският код в тази държава има 4 цифри." in preview.content.decode()
    assert b"import-confirm" not in preview.content
    assert client.post(response["Location"]).status_code == 200
    assert Organisation.objects.count() == 0


def test_with_a_worker_backend_the_confirmed_import_runs_as_a_task_and_the_page_waits_for_it(staff, settings):
    """TASKS_BACKEND=database: the confirmation enqueues directory.tasks.import_organisations and
    answers at once; the waiting page says so until a worker has run it, then leads to the import."""
    from django_tasks_db.models import DBTaskResult

    from directory.tasks import import_organisations
    from tests.tasks import DATABASE_TASKS, run_worker

    settings.TASKS = DATABASE_TASKS
    client = logged_in(staff.editor)
    check = upload(client, csv_bytes([bulgarian_row(1), bulgarian_row(2)]))["Location"]
    confirmed = client.post(check)
    assert confirmed.status_code == 302 and "/import/wait/" in confirmed["Location"]
    assert Organisation.objects.count() == 0
    [task] = DBTaskResult.objects.filter(task_path="directory.tasks.import_organisations")
    waiting = client.get(confirmed["Location"])
    assert waiting.status_code == 200 and 'role="status"' in waiting.content.decode()
    assert logged_in(staff.other_editor).get(confirmed["Location"]).status_code == 302  # not their import
    run_worker()
    task.refresh_from_db()
    assert task.status == "SUCCESSFUL" and task.return_value["created"] == 2
    done = client.get(confirmed["Location"])
    record = OrganisationImport.objects.get()
    assert done.status_code == 302 and done["Location"].endswith(f"/imports/{record.pk}/?imported=1")
    assert set(Organisation.objects.values_list("municipality", flat=True)) == {staff.home.pk}
    # Run again (a worker killed after its commit): the upload is gone, nothing is imported twice.
    again = import_organisations.call(**task.args_kwargs["kwargs"])
    assert again in ({"gone": True}, {"record": None, "created": 0, "updated": 0, "unchanged": 2})
    assert Organisation.objects.count() == 2 and OrganisationImport.objects.count() == 1


def test_a_forged_municipality_is_ignored_and_another_municipality_is_never_touched(staff):
    kept = OrganisationFactory(municipality=staff.home, eik=eik(1), name_en="Kept")
    client = logged_in(staff.other_editor)
    response = upload(client, csv_bytes([bulgarian_row(1, name_en="Taken")]), municipality=staff.home.pk)
    assert response.status_code == 200
    assert "The file needs the column pib" in response.context["form"].errors["file"][0]
    client.post("/admin/directory/organisation/import/check/")
    kept.refresh_from_db()
    assert kept.name_en == "Kept"
    assert Organisation.objects.count() == 1


def test_a_portal_administrator_chooses_the_municipality(staff):
    client = logged_in(staff.administrator)
    response = upload(client, csv_bytes([bulgarian_row(1)]), municipality=staff.home.pk)
    client.post(response["Location"])
    assert Organisation.objects.get().municipality == staff.home


def test_another_user_cannot_confirm_someone_elses_upload(staff):
    upload(logged_in(staff.editor), csv_bytes([bulgarian_row(1)]))
    other = logged_in(staff.moderator)
    assert other.post("/admin/directory/organisation/import/check/").status_code == 302
    assert Organisation.objects.count() == 0


def test_users_who_are_not_staff_cannot_import(staff):
    response = upload(logged_in(staff.outsider), csv_bytes([bulgarian_row(1)]))
    assert response.status_code == 302 and "/login/" in response["Location"]
    assert Organisation.objects.count() == 0


def test_the_upload_answers_the_progress_script_in_json(staff):
    client = logged_in(staff.editor)
    good = client.post(
        "/admin/directory/organisation/import/",
        {"file": SimpleUploadedFile("organisations.csv", csv_bytes([bulgarian_row(1)]))},
        HTTP_ACCEPT="application/json",
    )
    assert good.json() == {"next": "/admin/directory/organisation/import/check/"}
    bad = client.post(
        "/admin/directory/organisation/import/",
        {"file": SimpleUploadedFile("organisations.csv", b"colour\nred\n")},
        HTTP_ACCEPT="application/json",
    )
    assert "colour" in bad.json()["errors"][0]


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_staff_download_a_template_for_their_country(staff, file_format):
    response = logged_in(staff.other_editor).get(f"/admin/directory/organisation/import/template.{file_format}")
    assert response.status_code == 200
    read = importing.read_file(f"template.{file_format}", response.content)
    assert read.columns == importing.COLUMNS
    assert read.rows[0]["pib"] and not read.rows[0]["eik"]


# --- The history of imports, and undoing one -------------------------------------------------------


def test_undoing_an_import_deletes_what_it_created_and_restores_what_it_changed(koprivshtitsa):
    stored = OrganisationFactory(
        municipality=koprivshtitsa, eik=eik(9), name_en="Old name", email="old@example.org", directions=["culture"]
    )
    header = ["eik", "name_en", "email", "directions"]
    rows = [[eik(9), "New name", "new@example.org", "business"], [eik(1), "Created", "", "business"]]
    plan = services.organisations_import(rows=table(rows, header=header), municipality=koprivshtitsa, by=None)
    record = plan.record
    assert record.changes[str(stored.pk)]["email"] == ["old@example.org", "new@example.org"]

    undone = services.organisations_import_undo(record=record, by=None)
    assert (undone.deleted, undone.restored, undone.kept) == (1, 1, 0)
    stored.refresh_from_db()
    assert (stored.name_en, stored.email) == ("Old name", "old@example.org")
    assert list(stored.directions.values_list("slug", flat=True)) == ["culture"]
    assert not Organisation.objects.filter(eik=eik(1)).exists()
    record.refresh_from_db()
    assert record.undone_by.comment == "Undo of the import of —: 1 deleted, 1 restored, 0 kept."
    with pytest.raises(services.ImportAlreadyUndone):
        services.organisations_import_undo(record=record, by=None)


def test_undoing_an_import_keeps_what_was_changed_after_it(staff):
    stored = OrganisationFactory(municipality=staff.home, eik=eik(9), email="old@example.org")
    header = ["eik", "name_en", "email"]
    rows = [[eik(9), "Renamed", "new@example.org"], [eik(1), "Created", ""], [eik(2), "Published", ""]]
    record = services.organisations_import(rows=table(rows, header=header), municipality=staff.home, by=None).record
    # Later work: the admin saves one new organisation, an action publishes another, a script changes the third.
    client = logged_in(staff.superuser)
    created = Organisation.objects.get(eik=eik(1))
    with recorded_changes(user=staff.superuser, comment="Edited"):
        created.description_en = "Edited after the import."
        created.save()
    published = Organisation.objects.get(eik=eik(2))
    client.post(
        "/admin/directory/organisation/", {"action": "publish", "_selected_action": [published.pk], "post": "yes"}
    )
    Organisation.objects.filter(pk=stored.pk).update(email="later@example.org")

    undone = services.organisations_import_undo(record=record, by=staff.superuser)
    assert (undone.deleted, undone.restored, undone.kept) == (0, 0, 3)
    assert Organisation.objects.filter(eik__in=[eik(1), eik(2)]).count() == 2
    stored.refresh_from_db()
    assert (stored.name_en, stored.email) == ("Renamed", "later@example.org")


def test_an_organisations_history_shows_the_imports_that_created_and_changed_it(staff):
    run_import(staff.home, [bulgarian_row(1)], user=staff.editor)
    organisation = Organisation.objects.get(eik=eik(1))
    services.organisations_import(
        rows=table([[eik(1), "changed@example.org"]], header=["eik", "email"]), municipality=staff.home, by=staff.editor
    )
    history = logged_in(staff.editor).get(f"/admin/directory/organisation/{organisation.pk}/history/")
    entries = history.context["history_entries"]
    assert [entry["note"] for entry in entries] == ["Changed by this import.", "Created by this import."]
    assert [(change.label, change.old, change.new) for change in entries[0]["changes"]] == [
        ("email", "—", "changed@example.org")
    ]
    assert b"Import of \xe2\x80\x94: 0 new, 1 updated, 0 unchanged." in history.content


def test_staff_list_review_and_undo_their_municipalitys_imports(staff):
    client = logged_in(staff.editor)
    response = upload(client, csv_bytes([bulgarian_row(1), bulgarian_row(2)]))
    confirmed = client.post(response["Location"])
    record = OrganisationImport.objects.get()
    detail = f"/admin/directory/organisation/imports/{record.pk}/"
    assert confirmed["Location"] == f"{detail}?imported=1"
    page = client.get(confirmed["Location"])
    assert b'class="import-count-created">2<' in page.content
    assert b'aria-current="step">' in page.content and f"{detail}undo/".encode() in page.content
    listing = client.get("/admin/directory/organisation/imports/")
    assert list(listing.context["page"].object_list) == [record]

    assert client.post(f"{detail}undo/").status_code == 302
    assert Organisation.objects.count() == 0
    record.refresh_from_db()
    assert record.undone_by.user == staff.editor
    assert f"{detail}undo/".encode() not in client.get(detail).content


@pytest.mark.parametrize("username", ["other_editor", "other_moderator", "outsider"])
def test_another_municipalitys_imports_are_neither_listed_nor_undone(staff, username):
    run_import(staff.home, [bulgarian_row(1)], user=staff.editor)
    record = OrganisationImport.objects.get()
    client = logged_in(getattr(staff, username))
    listing = client.get("/admin/directory/organisation/imports/")
    assert listing.status_code in (302, 403) or record not in listing.context["page"].object_list
    detail = f"/admin/directory/organisation/imports/{record.pk}/"
    assert client.get(detail).status_code in (302, 403, 404)
    assert client.get(f"{detail}undo/").status_code in (302, 403, 404)
    assert client.post(f"{detail}undo/").status_code in (302, 403, 404)  # a forged undo
    record.refresh_from_db()
    assert record.undone_by is None and Organisation.objects.count() == 1


def test_a_portal_administrator_sees_and_undoes_every_municipalitys_imports(staff):
    run_import(staff.home, [bulgarian_row(1)], user=staff.editor)
    record = OrganisationImport.objects.get()
    client = logged_in(staff.administrator)
    assert list(client.get("/admin/directory/organisation/imports/").context["page"].object_list) == [record]
    client.post(f"/admin/directory/organisation/imports/{record.pk}/undo/")
    assert Organisation.objects.count() == 0


@pytest.fixture
def organisations_searchable():
    """Organisations in the search registry: as directory/search_indexes.py registers them, or a stand-in."""
    from search import registry

    if registry.get(Organisation) is not None:
        yield
        return
    registry.register(
        Organisation,
        kind="organisation",
        label="Organisations",
        title_field="name",
        queryset=lambda: Organisation.objects.published(),
        municipality=lambda organisation: organisation.municipality_id,
    )
    yield
    registry._registry.pop(Organisation)


def test_imported_organisations_are_indexed_and_an_undo_removes_them(koprivshtitsa, organisations_searchable):
    from search.models import SearchEntry

    header = [*HEADER, "status"]
    rows = [[*bulgarian_row(1), "published"], [*bulgarian_row(2), "draft"]]
    record = services.organisations_import(rows=table(rows, header=header), municipality=koprivshtitsa, by=None).record
    assert [entry.title_en for entry in SearchEntry.objects.matching("Bogdan")] == ["Bogdan Mill 1 OOD"]
    services.organisations_import_undo(record=record, by=None)
    assert not SearchEntry.objects.matching("Bogdan").exists()


def test_the_organisations_a_large_file_names_are_looked_up_through_the_identifier_indexes(koprivshtitsa):
    """Over 100 numbers: PostgreSQL reads the partial unique indexes only if the query repeats their predicate."""
    from django.db import transaction

    OrganisationFactory(municipality=koprivshtitsa, eik=eik(1))
    numbers = {"eik": {eik(number) for number in range(1, 300)}, "pib": {str(100_000_000 + n) for n in range(300)}}
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")  # the table is tiny: make a scan the last resort
        plan = Organisation.objects.filter(importing.identifiers_query(numbers)).order_by().explain()
        found = list(Organisation.objects.filter(importing.identifiers_query(numbers)).values_list("eik", flat=True))
    assert "organisation_eik_unique" in plan and "organisation_pib_unique" in plan, plan
    assert "Seq Scan" not in plan, plan
    assert found == [eik(1)]


# --- Empty cells, the clear marker, the preview of each row (issue 18) ---------------------------------

STORED = {
    "phones": ["+35971842180"],
    "email": "info@example.org",
    "postal_code": "2077",
    "settlement_bg": "Копривщица",
    "nace_division": "10",
    "name_en": "Sredna Gora Mill OOD",
}


def xlsx_bytes(rows, header=HEADER) -> bytes:
    """A workbook as a spreadsheet program saves it: empty cells are absent, not empty strings."""
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in rows:
        sheet.append([cell if cell != "" else None for cell in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def file_bytes(file_format, rows, header) -> tuple[str, bytes]:
    if file_format == "xlsx":
        return "organisations.xlsx", xlsx_bytes(rows, header)
    return "organisations.csv", csv_bytes(rows, header=header)


def stored_organisation(municipality, **fields):
    values = {
        "municipality": municipality,
        "eik": eik(1),
        "name_bg": "Мелница „Средна гора“ ООД",
        "phones": STORED["phones"],
        "email": STORED["email"],
        "postal_code": STORED["postal_code"],
        "settlement_bg": STORED["settlement_bg"],
        "nace_section": "C",
        "nace_division": STORED["nace_division"],
        "name_en": STORED["name_en"],
        **fields,
    }
    return OrganisationFactory(**values)


def import_through_admin(client, name, data):
    """Upload, open the check page, confirm: as staff do it. Returns the check page."""
    response = upload(client, data, name=name)
    assert response.status_code == 302, response.content
    preview = client.get(response["Location"])
    assert preview.status_code == 200
    if b"import-confirm" in preview.content:
        assert client.post(response["Location"]).status_code == 302
    return preview


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
@pytest.mark.parametrize("column", list(STORED))
def test_an_empty_cell_keeps_the_stored_value(staff, column, file_format):
    """A spreadsheet row with an empty cell leaves that field as stored, and the check page says unchanged."""
    organisation = stored_organisation(staff.home)
    name, data = file_bytes(file_format, [[eik(1), ""]], header=["eik", column])
    preview = import_through_admin(logged_in(staff.editor), name, data)
    assert (len(preview.context["plan"].updated), preview.context["plan"].unchanged) == (0, 1)
    assert b'class="import-count-unchanged">1<' in preview.content
    organisation.refresh_from_db()
    assert getattr(organisation, column) == STORED[column]


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_empty_cells_beside_a_change_keep_their_values(staff, file_format):
    """Only the cell with a new value is written; the empty cells of the same row keep every stored value."""
    organisation = stored_organisation(staff.home)
    header = ["eik", "name_bg", *STORED]
    name, data = file_bytes(file_format, [[eik(1), "Мелница „Нова“ ООД", "", "", "", "", "", ""]], header=header)
    preview = import_through_admin(logged_in(staff.editor), name, data)
    assert [sorted(changes) for changes in preview.context["plan"].changes.values()] == [["name_bg"]]
    organisation.refresh_from_db()
    assert organisation.name_bg == "Мелница „Нова“ ООД"
    for column, value in STORED.items():
        assert getattr(organisation, column) == value
    assert organisation.nace_section == "C"


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_the_clear_marker_clears_a_field(staff, file_format):
    """A cell holding only a hyphen clears its field; the check page marks it as cleared, in words."""
    organisation = stored_organisation(staff.home)
    header = ["eik", *STORED, "nace_section"]
    name, data = file_bytes(file_format, [[eik(1), *["-"] * len(STORED), "-"]], header=header)
    preview = import_through_admin(logged_in(staff.editor), name, data)
    assert len(preview.context["plan"].updated) == 1
    organisation.refresh_from_db()
    assert organisation.phones == []
    assert (organisation.email, organisation.postal_code, organisation.nace_division, organisation.nace_section) == (
        "",
        "",
        "",
        "",
    )
    # modeltranslation stores an empty language as NULL
    assert (organisation.settlement_bg, organisation.name_en) == (None, None)
    html = preview.content.decode()
    assert "<del>info@example.org</del>" in html
    assert html.count('class="import-cleared"') == len(STORED) + 1
    assert "(cleared)" in html


def test_a_hyphen_written_as_text_is_stored_as_a_hyphen(koprivshtitsa):
    """``'-`` is how our own exports write a lone hyphen: it is text, not the clear marker."""
    stored_organisation(koprivshtitsa, opening_hours_en="9–17")
    header = ["eik", "opening_hours_en"]
    services.organisations_import(rows=table([[eik(1), "'-"]], header=header), municipality=koprivshtitsa, by=None)
    assert Organisation.objects.get(eik=eik(1)).opening_hours_en == "-"


@pytest.mark.parametrize(
    "header,cells,column",
    [
        (["eik", "kind"], ["-"], "kind"),
        (["eik", "status"], ["-"], "status"),
        (["eik", "directions"], ["-"], "directions"),
        (["eik", "open_to_cooperation"], ["-"], "open_to_cooperation"),
        (["eik", "name_bg", "name_sr", "name_en"], ["-", "-", "-"], "name_bg"),
    ],
)
def test_clearing_a_required_field_is_refused_with_its_row_and_column(staff, header, cells, column):
    """Nothing is written; the error names the line and the column, in the staff member's language."""
    organisation = stored_organisation(staff.home)
    client = logged_in(staff.editor)
    response = upload(client, csv_bytes([[eik(1), *cells]], header=header))
    preview = client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="bg")
    errors = preview.context["plan"].errors
    assert [(error.line, error.column) for error in errors] == [(2, column)]
    assert b"import-confirm" not in preview.content
    assert client.post(response["Location"]).status_code == 200
    before = {name: getattr(organisation, name) for name in ("kind", "status", "name_bg", "name_en")}
    organisation.refresh_from_db()
    assert {name: getattr(organisation, name) for name in before} == before
    assert list(organisation.directions.values_list("slug", flat=True)) == ["business"]


def test_clearing_a_required_field_says_so_in_bulgarian(staff):
    stored_organisation(staff.home)
    client = logged_in(staff.editor)
    response = upload(client, csv_bytes([[eik(1), "-"]], header=["eik", "kind"]))
    preview = client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="bg")
    message = preview.context["plan"].errors[0].message
    assert message == "Колоната kind не може да се изчисти: тя е задължителна."
    assert message in preview.content.decode()


def test_the_check_page_lists_each_rows_fields_old_and_new(staff):
    """Updated rows show old → new per changed field, new rows are new, unchanged rows unchanged, errors named."""
    stored_organisation(staff.home)
    stored_organisation(staff.home, eik=eik(2), slug="second", name_en="Second", email="second@example.org")
    header = ["eik", "name_en", "email", "postal_code"]
    rows = [
        [eik(1), "Renamed Mill", "-", ""],  # updated: a new name, the e-mail cleared, the postal code kept
        [eik(2), "", "", ""],  # unchanged
        [eik(3), "Brand New", "new@example.org", "2077"],  # new
    ]
    client = logged_in(staff.editor)
    response = upload(client, csv_bytes(rows, header=header))
    preview = client.get(response["Location"])
    listed = {row.line: row for row in preview.context["rows"]}
    assert [listed[line].outcome for line in (2, 3, 4)] == ["updated", "unchanged", "created"]
    changes = {change.label: change for change in listed[2].changes}
    assert (changes["name [en]"].old, changes["name [en]"].new) == ("Sredna Gora Mill OOD", "Renamed Mill")
    assert changes["email"].old == "info@example.org" and changes["email"].cleared
    assert "postal code" not in changes
    html = preview.content.decode()
    assert "<del>Sredna Gora Mill OOD</del> → <ins>Renamed Mill</ins>" in html
    assert 'class="import-row import-row--unchanged"' in html and 'class="import-row import-row--created"' in html

    bad = upload(client, csv_bytes([[eik(1), "Fine", "not an address", ""]], header=header))
    page = client.get(bad["Location"])
    assert [(row.line, row.outcome) for row in page.context["rows"]] == [(2, "error")]
    assert [(error.line, error.column) for error in page.context["rows"][0].errors] == [(2, "email")]


def test_the_check_page_of_a_large_file_is_paged_with_the_same_queries(staff):
    """Thousands of rows: a page of rows at a time, and no query per row."""
    client = logged_in(staff.editor)
    counts = []
    for count in (5, 150):
        response = upload(client, csv_bytes([bulgarian_row(number) for number in range(1, count + 1)]))
        with CaptureQueriesContext(connection) as queries:
            preview = client.get(response["Location"])
        counts.append(len(queries.captured_queries))
    assert counts[0] == counts[1]
    assert len(preview.context["rows"]) == 100
    assert preview.context["rows"].paginator.count == 150
    second = client.get(response["Location"], {"page": 2})
    assert second.context["rows"][0].line == 102


def test_undo_asks_first_and_changes_nothing_on_get(staff):
    """GET shows what will be undone, with a POST button; only the POST undoes."""
    stored_organisation(staff.home)
    header = ["eik", "name_en", "name_bg", "kind", "directions"]
    rows = [[eik(1), "Renamed", "", "", ""], [eik(2), "Created", "Създадена", "company", "business"]]
    record = services.organisations_import(rows=table(rows, header=header), municipality=staff.home, by=None).record
    client = logged_in(staff.editor)
    undo = f"/admin/directory/organisation/imports/{record.pk}/undo/"
    assert undo.encode() in client.get(f"/admin/directory/organisation/imports/{record.pk}/").content

    confirmation = client.get(undo)
    assert confirmation.status_code == 200
    html = confirmation.content.decode()
    assert '<form method="post" class="import-undo">' in html
    assert "1 organisation created by this import will be deleted" in html
    assert "1 organisation updated by this import will get its earlier values back" in html
    record.refresh_from_db()
    assert record.undone_by is None
    assert Organisation.objects.get(eik=eik(1)).name_en == "Renamed"
    assert Organisation.objects.filter(eik=eik(2)).exists()

    assert client.post(f"/admin/directory/organisation/imports/{record.pk}/").status_code == 405
    assert client.post(undo).status_code == 302
    record.refresh_from_db()
    assert record.undone_by is not None
    assert Organisation.objects.get(eik=eik(1)).name_en == STORED["name_en"]
    assert not Organisation.objects.filter(eik=eik(2)).exists()
    assert client.get(undo).status_code == 302  # undone once: nothing left to confirm


def test_the_xlsx_template_explains_the_clear_marker_in_the_staff_members_language(staff):
    """A second sheet holds the instructions; imports read the first sheet only, so the template still imports."""
    response = logged_in(staff.editor).get(
        "/admin/directory/organisation/import/template.xlsx", HTTP_ACCEPT_LANGUAGE="bg"
    )
    workbook = load_workbook(io.BytesIO(response.content))
    notes = " ".join(str(row[0].value) for row in workbook.worksheets[1].iter_rows())
    assert "тире (-)" in notes
    assert importing.read_file("template.xlsx", response.content).columns == importing.COLUMNS


def test_rows_repeating_a_stored_key_are_each_checked_and_shown_on_their_own(staff):
    """Two rows with one EIK: each row's own values and errors; the second is told the first's line."""
    stored_organisation(staff.home)
    header = ["eik", "name_en", "founded_year"]
    rows = [
        [eik(1), "First row", "abc"],
        [eik(1), "dup second", ""],
        [eik(1), "third row", ""],
    ]
    client = logged_in(staff.editor)
    response = upload(client, csv_bytes(rows, header=header))
    preview = client.get(response["Location"])
    listed = {row.line: row for row in preview.context["rows"]}
    assert [(error.column, error.message) for error in listed[2].errors] == [
        ("founded_year", "“abc” value must be an integer.")
    ]
    assert [(error.column, error.message) for error in listed[3].errors] == [("eik", "The same number is on line 2.")]
    assert [(error.column, error.message) for error in listed[4].errors] == [("eik", "The same number is on line 2.")]
    plan = preview.context["plan"]
    organisations = [row.organisation for row in plan.rows]
    assert len({id(organisation) for organisation in organisations}) == 3  # never one object for two rows
    assert [organisation.name_en for organisation in organisations] == ["First row", "dup second", "third row"]
    assert Organisation.objects.get().founded_year is None  # the check writes nothing


def test_a_row_reports_its_field_constraint_and_identifier_errors_at_once(koprivshtitsa):
    """A bad e-mail and web address do not hide the row's bad postal code, year or EIK."""
    header = ["eik", "name_en", "email", "website", "postal_code", "founded_year", "latitude", "longitude"]
    rows = [
        ["175000001", "Mill", "not an address", "not a site", "20770", "1200", "", ""],
        [eik(2), "Mill", "not an address", "", "1", "3000", "95", ""],
    ]
    plan = importing.plan(table(rows, header=header), municipality=koprivshtitsa)
    found = {(error.line, error.column) for error in plan.errors}
    assert found == {
        (2, "eik"),
        (2, "email"),
        (2, "website"),
        (2, "postal_code"),
        (3, "email"),
        (3, "postal_code"),
        (3, "founded_year"),
        (3, "latitude"),  # out of range
        (3, "longitude"),  # missing beside a latitude
    }


def test_a_row_with_a_field_error_still_reports_a_number_repeated_from_another_row(koprivshtitsa):
    rows = [bulgarian_row(1, postal_code="1"), bulgarian_row(1, phones="12")]
    plan = importing.plan(table(rows), municipality=koprivshtitsa)
    assert {(error.line, error.column) for error in plan.errors} == {(2, "postal_code"), (3, "phones"), (3, "eik")}


def test_import_pages_number_their_steps_once_and_name_outcomes_alike_in_bulgarian(staff):
    """The step list is an <ol>: its items carry no number of their own. A row's outcome is said
    of one organisation, a count beside its number, in the same grammatical form."""
    stored_organisation(staff.home)
    client = logged_in(staff.editor)
    upload_page = client.get("/admin/directory/organisation/import/", headers={"accept-language": "bg"})
    assert '<li aria-current="step">Качване на файла</li>' in flat(upload_page.content.decode())
    header = ["eik", "name_en"]
    response = upload(client, csv_bytes([[eik(1), "Renamed Mill"], [eik(2), "Brand New"]], header=header))
    html = flat(client.get(response["Location"], headers={"accept-language": "bg"}).content.decode())
    assert '<li aria-current="step">Проверка на всеки ред</li>' in html
    assert "1. " not in html and "2. " not in html
    assert '<th scope="row">Нова</th><td class="import-count-created">1<' in html
    assert '<th scope="row">Обновена</th><td class="import-count-updated">1<' in html
    assert '<th scope="row">Непроменени</th><td class="import-count-unchanged">0<' in html
    assert "<td>Обновена</td>" in html and "<td>Нова</td>" in html  # each row's result


def test_a_cleared_field_reads_cleared_on_the_check_result_and_undone_pages(staff):
    stored_organisation(staff.home)
    client = logged_in(staff.editor)
    preview = import_through_admin(client, "organisations.csv", csv_bytes([[eik(1), "-"]], header=["eik", "email"]))
    cleared = '<del>info@example.org</del> → <strong class="import-cleared">(cleared)</strong>'
    assert cleared in preview.content.decode()
    record = OrganisationImport.objects.get()
    detail = f"/admin/directory/organisation/imports/{record.pk}/"
    assert cleared in client.get(detail).content.decode()
    client.post(f"/admin/directory/organisation/imports/{record.pk}/undo/")
    assert cleared in client.get(detail).content.decode()
    assert "(изчистено)" in client.get(detail, headers={"accept-language": "bg"}).content.decode()

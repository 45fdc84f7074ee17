"""Admin pages of the bulk import of organisations: upload, preview, confirm; the templates;
the imports made so far, what each changed, and undoing one.

OrganisationAdmin mounts them (``get_urls``). The uploaded file is read once, and its rows
wait as JSON in the ``imports`` storage (``DIRECTORY_IMPORT_ROOT``, or the bucket's
``imports/``: core.storage), named by a random token that only the session knows, with the
user and the municipality decided at upload: nothing the confirm form posts is trusted. The
municipality is the staff member's own; a portal administrator chooses it. Staff see and
undo only their municipality's imports.
"""

import json
import secrets
import time
from dataclasses import dataclass

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.core.paginator import Paginator
from django.db.models import F, Func, JSONField, Q, Value
from django.http import HttpResponse, HttpResponseNotAllowed, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext
from django_tasks import TaskResultStatus

from core.models import Country, Direction, Municipality
from directory import importing, services, tasks
from directory.forms import ImportUploadForm
from directory.models import Organisation, OrganisationImport
from staff.history import field_changes
from staff.roles import staff_scope

SESSION_KEY = "directory_import"
# Uploads left without confirmation are removed after a day.
STALE_AFTER_SECONDS = 24 * 60 * 60
IMPORTS_PER_PAGE = 50
# The organisations listed on an import's page (the counts are always whole).
ORGANISATIONS_SHOWN = 100
# The rows of a file listed on each page of the check (a file may have 20,000).
ROWS_PER_PAGE = 100
# Which rows the check page lists: ?show=…
ROW_FILTERS = {
    "all": set(importing.OUTCOMES),
    "changes": {"created", "updated", "error"},
    "errors": {"error"},
}


@dataclass(frozen=True)
class ShownChange:
    """One field an import changes: its stored and its new value, as text; ``cleared`` when emptied."""

    label: str
    old: str
    new: str
    cleared: bool


@dataclass(frozen=True)
class ShownRow:
    """One row of the file on the check page: what importing it does, field by field."""

    line: int
    outcome: str
    key: str
    name: str
    changes: list[ShownChange]
    errors: list[importing.RowError]


def own_municipality(model_admin, request) -> Municipality | None:
    """The municipality the user imports into; None for a portal administrator (who chooses)."""
    if not (model_admin.has_add_permission(request) and model_admin.has_change_permission(request)):
        raise PermissionDenied
    scope = staff_scope(request.user)
    if scope.everything:
        return None
    if scope.municipality_id is None:
        raise PermissionDenied
    return Municipality.objects.get(pk=scope.municipality_id)


def upload_view(model_admin, request):
    municipality = own_municipality(model_admin, request)
    posted = request.method == "POST"
    form = ImportUploadForm(
        request.POST if posted else None, request.FILES if posted else None, municipality=municipality
    )
    if posted and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            table = importing.read_file(upload.name, upload.read())
            importing.check_key(table.columns, form.cleaned_data["municipality"])
        except ValidationError as error:
            form.add_error("file", error)
        else:
            _store(request, table, upload.name, form.cleaned_data["municipality"])
            preview = reverse("admin:directory_organisation_import_preview")
            if _wants_json(request):
                return JsonResponse({"next": preview})
            return redirect(preview)
    if posted and _wants_json(request):
        return JsonResponse({"errors": [str(message) for messages in form.errors.values() for message in messages]})
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "title": gettext("Import organisations"),
        "form": form,
        "municipality": municipality,
        "max_megabytes": settings.DIRECTORY_IMPORT_MAX_BYTES // 2**20,
        "max_rows": settings.DIRECTORY_IMPORT_MAX_ROWS,
        "columns": importing.COLUMNS,
        "clear_marker": importing.CLEAR_MARKER,
    }
    return TemplateResponse(request, "admin/directory/organisation/import_form.html", context)


def preview_view(model_admin, request):
    """GET: what the import would do, with every row's errors. POST: do it."""
    own = own_municipality(model_admin, request)
    pending = _load(request, own)
    if pending is None:
        messages.warning(request, gettext("Nothing waits to be imported: upload the file again."))
        return redirect("admin:directory_organisation_import")
    table, file_name, municipality = pending
    if request.method == "POST":
        pending = request.session[SESSION_KEY]
        result = tasks.import_organisations.enqueue(
            token=pending["token"], municipality_id=municipality.pk, user_id=request.user.pk, file_name=file_name
        )
        if not result.is_finished:  # a worker imports it (TASKS_BACKEND=database)
            request.session[SESSION_KEY] = {**pending, "task": result.id}
            return redirect("admin:directory_organisation_import_wait", result_id=result.id)
        imported = _imported(request, result, file_name)
        if imported is not None:
            return imported
        # Refused: the check page below lists the errors.
    try:
        plan = importing.plan(table, municipality=municipality)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("admin:directory_organisation_import")
    show = request.GET.get("show")
    show = show if show in ROW_FILTERS else "all"
    listed = [row for row in plan.rows if row.outcome in ROW_FILTERS[show]]
    page = Paginator(listed, ROWS_PER_PAGE).get_page(request.GET.get("page"))
    page.object_list = _shown_rows(plan, page.object_list)
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "title": gettext("Check the import"),
        "plan": plan,
        "file_name": file_name,
        "municipality": municipality,
        "row_count": len(table.rows),
        "rows": page,
        "page_obj": page,
        "show": show,
        "filter_query": "" if show == "all" else f"show={show}",
        "changes_count": len(plan.created) + len(plan.updated) + plan.error_lines,
        "clear_marker": importing.CLEAR_MARKER,
    }
    return TemplateResponse(request, "admin/directory/organisation/import_preview.html", context)


def wait_view(model_admin, request, result_id: str):
    """While a worker imports the confirmed file: a page that says so; once it is done, where the import leads."""
    own_municipality(model_admin, request)
    pending = request.session.get(SESSION_KEY) or {}
    if pending.get("user") != request.user.pk or pending.get("task") != result_id:
        return redirect("admin:directory_organisation_import")
    result = tasks.import_organisations.get_result(result_id)
    if result.is_finished:
        return _imported(request, result, pending["file_name"]) or redirect(
            "admin:directory_organisation_import_preview"
        )
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "title": gettext("Importing %(file)s") % {"file": pending["file_name"]},
    }
    return TemplateResponse(request, "admin/directory/organisation/import_wait.html", context)


def _imported(request, result, file_name: str):
    """Where a finished import task leads: the import's page or the upload; None when its rows were refused."""
    outcome = result.return_value if result.status == TaskResultStatus.SUCCESSFUL else None
    if outcome is None or "errors" in outcome:
        failed = gettext("The import failed; nothing was written.")
        messages.error(request, " ".join([failed, *(outcome["errors"] if outcome else [])]))
        return redirect("admin:directory_organisation_import")
    if "refused" in outcome:  # the check page lists the errors
        return None
    if "gone" in outcome:
        messages.warning(request, gettext("Nothing waits to be imported: upload the file again."))
        return redirect("admin:directory_organisation_import")
    _discard(request)
    messages.success(
        request,
        gettext("Imported %(file)s: %(created)d new, %(updated)d updated, %(unchanged)d unchanged.")
        % {"file": file_name, **{key: outcome[key] for key in ("created", "updated", "unchanged")}},
    )
    if outcome["record"] is None:  # nothing to write
        return redirect("admin:directory_organisation_changelist")
    detail = reverse("admin:directory_organisation_import_detail", kwargs={"pk": outcome["record"]})
    return redirect(f"{detail}?imported=1")


def _shown_rows(plan: importing.Plan, rows: list[importing.PlannedRow]) -> list[ShownRow]:
    """The rows of one page of the check, each with its changed fields and its errors (no query per row)."""
    fields = {model_field.attname: model_field for model_field in Organisation._meta.concrete_fields}
    direction_names = {direction.pk: str(direction) for direction in Direction.objects.all()}
    directions_label = str(Organisation._meta.get_field("directions").verbose_name)
    errors_of: dict[int, list[importing.RowError]] = {}
    for error in plan.errors:
        errors_of.setdefault(error.line, []).append(error)
    shown = []
    for row in rows:
        organisation = row.organisation
        changes = []
        if row.outcome == "updated":
            for name, (old, new) in plan.changes_of(organisation).items():
                if name == "directions":
                    old_text, new_text = (
                        ", ".join(direction_names.get(pk, str(pk)) for pk in ids) for ids in (old, new)
                    )
                    changes.append(ShownChange(directions_label, old_text or "—", new_text or "—", cleared=False))
                elif fields[name].editable:
                    cleared = _is_empty(new) and not _is_empty(old)
                    label = str(fields[name].verbose_name)
                    changes.append(ShownChange(label, _shown(fields[name], old), _shown(fields[name], new), cleared))
        name = ""
        if organisation is not None:
            name = organisation.name_bg or organisation.name_sr or organisation.name_en or ""
        shown.append(ShownRow(row.line, row.outcome, row.key, name, changes, errors_of.get(row.line, [])))
    return shown


def _is_empty(value) -> bool:
    return value is None or value == "" or value == []


def _shown(model_field, value) -> str:
    if _is_empty(value):
        return "—"
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    if isinstance(value, bool):
        return gettext("yes") if value else gettext("no")
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    return str(value)


def history_view(model_admin, request):
    """The imports into the user's municipality (every import for a portal administrator), newest first."""
    imports = _imports(model_admin, request).defer("created_ids", "changes")
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "title": gettext("Imports of organisations"),
        "page": Paginator(imports, IMPORTS_PER_PAGE).get_page(request.GET.get("page")),
    }
    return TemplateResponse(request, "admin/directory/organisation/import_history.html", context)


def undo_view(model_admin, request, pk: int):
    """GET: what undoing the import would do, and a button to confirm. POST: undo it.

    A GET changes nothing (a prefetching browser or a followed link never undoes an import).
    """
    record = get_object_or_404(_imports(model_admin, request), pk=pk)
    if not model_admin.has_delete_permission(request):
        raise PermissionDenied
    if record.undone_by_id is not None:
        messages.warning(request, gettext("This import has already been undone."))
        return redirect("admin:directory_organisation_import_detail", pk=record.pk)
    if request.method == "POST":
        try:
            undone = services.organisations_import_undo(record=record, by=request.user)
        except services.ImportAlreadyUndone:
            messages.warning(request, gettext("This import has already been undone."))
        else:
            messages.success(
                request,
                gettext(
                    "Import undone: %(deleted)d organisations deleted, %(restored)d given their earlier values, "
                    "%(kept)d kept because they were changed after the import."
                )
                % {"deleted": undone.deleted, "restored": undone.restored, "kept": undone.kept},
            )
        return redirect("admin:directory_organisation_import_detail", pk=record.pk)
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "title": gettext("Undo this import?"),
        "record": record,
    }
    return TemplateResponse(request, "admin/directory/organisation/import_undo.html", context)


def detail_view(model_admin, request, pk: int):
    """Who imported what, and what each updated organisation changed; undoing it is ``undo_view``."""
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    record = get_object_or_404(_imports(model_admin, request), pk=pk)
    may_undo = model_admin.has_delete_permission(request) and record.undone_by_id is None
    updated_ids = [int(key) for key in list(record.changes)[:ORGANISATIONS_SHOWN]]
    organisations = Organisation.objects.in_bulk([*record.created_ids[:ORGANISATIONS_SHOWN], *updated_ids])
    direction_names = {direction.pk: str(direction) for direction in Direction.objects.all()}
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "title": str(record),
        "record": record,
        "may_undo": may_undo,
        "just_imported": "imported" in request.GET,
        "created": [organisations.get(pk) or pk for pk in record.created_ids[:ORGANISATIONS_SHOWN]],
        "updated": [
            (organisations.get(pk) or pk, _changes(record.changes[str(pk)], direction_names)) for pk in updated_ids
        ],
        "shown": ORGANISATIONS_SHOWN,
    }
    return TemplateResponse(request, "admin/directory/organisation/import_detail.html", context)


def history_entries(organisation: Organisation) -> list[dict]:
    """The imports that created or changed ``organisation``, as entries of its history page."""
    key = str(organisation.pk)
    imports = (
        OrganisationImport.objects.filter(Q(created_ids__contains=[organisation.pk]) | Q(changes__has_key=key))
        .select_related("revision__user", "undone_by")
        .defer("created_ids", "changes")  # large: only this organisation's changes are read
        # changes -> 'key' (KeyTransform would read a key of digits as an array index).
        .annotate(
            own_changes=Func(
                F("changes"), Value(key), arg_joiner=" -> ", template="(%(expressions)s)", output_field=JSONField()
            )
        )
    )
    direction_names = {direction.pk: str(direction) for direction in Direction.objects.all()}
    entries = []
    for record in imports:
        changes = record.own_changes
        note = gettext("Changed by this import.") if changes else gettext("Created by this import.")
        if record.undone_by is not None:
            note += " " + gettext("The import was undone on %(date)s.") % {
                "date": formats.date_format(timezone.localtime(record.undone_by.date_created), "DATETIME_FORMAT")
            }
        entries.append(
            {
                "revision": record.revision,
                "changes": _changes(changes, direction_names) if changes else [],
                "url": reverse("admin:directory_organisation_import_detail", kwargs={"pk": record.pk}),
                "note": note,
            }
        )
    return entries


def _imports(model_admin, request):
    own = own_municipality(model_admin, request)
    imports = OrganisationImport.objects.select_related("revision__user", "municipality", "undone_by__user")
    return imports if own is None else imports.filter(municipality=own)


def _changes(changes: dict, direction_names: dict) -> list:
    """What an import changed in one organisation, with field labels, as the history shows it;
    a value emptied by the import is marked ``cleared``, as on the check page.

    Columns staff never edit (derived search text, check flags) are left out.
    """
    fields = {model_field.attname: model_field for model_field in Organisation._meta.concrete_fields}
    old = {name: values[0] for name, values in changes.items() if name in fields and fields[name].editable}
    new = {name: values[1] for name, values in changes.items() if name in fields and fields[name].editable}
    cleared = {str(fields[name].verbose_name) for name in new if _is_empty(new[name]) and not _is_empty(old[name])}
    readable = [
        ShownChange(change.label, change.old, change.new, cleared=change.label in cleared)
        for change in field_changes(Organisation, old, new)
    ]
    if "directions" in changes:
        old_names, new_names = (
            ", ".join(direction_names.get(pk, str(pk)) for pk in ids) or "—" for ids in changes["directions"]
        )
        label = str(Organisation._meta.get_field("directions").verbose_name)
        readable.append(ShownChange(label, old_names, new_names, cleared=False))
    return readable


def template_view(model_admin, request, file_format: str):
    """The import template: the documented columns and one example row, every cell formula-safe."""
    own = own_municipality(model_admin, request)
    country = own.country if own else Country.BULGARIA
    lines = [importing.example(country)]
    if file_format == "xlsx":
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        data = importing.write_xlsx(lines, instructions=importing.instructions())
        response = HttpResponse(data, content_type=content_type)
    else:
        response = HttpResponse(importing.write_csv(lines), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="organisations-template.{file_format}"'
    return response


def _wants_json(request) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def _store(request, table: importing.Table, file_name: str, municipality: Municipality) -> None:
    stored = storages["imports"]
    stale_before = time.time() - STALE_AFTER_SECONDS
    for old in _pending_files(stored):
        if stored.get_modified_time(old).timestamp() < stale_before:
            stored.delete(old)
    _discard(request)
    token = secrets.token_urlsafe(24)
    rows = [[row.get(column, "") for column in table.columns] for row in table.rows]
    content = json.dumps({"columns": table.columns, "rows": rows}).encode()
    stored.save(f"{token}.json", ContentFile(content))
    request.session[SESSION_KEY] = {
        "token": token,
        "user": request.user.pk,
        "municipality": municipality.pk,
        "file_name": file_name,
    }


def _pending_files(stored) -> list[str]:
    try:
        _folders, files = stored.listdir("")
    except FileNotFoundError:  # no folder yet
        return []
    return [name for name in files if name.endswith(".json")]


def _load(request, own: Municipality | None):
    """The pending upload of this session, if still there and still within the user's scope."""
    pending = request.session.get(SESSION_KEY)
    if not pending or pending.get("user") != request.user.pk:
        return None
    if own is not None and pending["municipality"] != own.pk:
        raise PermissionDenied
    table = services.import_pending_read(pending["token"])
    if table is None:
        return None
    municipality = Municipality.objects.get(pk=pending["municipality"])
    return table, pending["file_name"], municipality


def _discard(request) -> None:
    pending = request.session.pop(SESSION_KEY, None)
    if pending:
        storages["imports"].delete(f"{pending['token']}.json")

"""The directory's background task: a confirmed import of organisations (``services.organisations_import_pending``)."""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django_tasks import task

from core.models import Municipality
from directory import services


@task()
def import_organisations(*, token: str, municipality_id: int, user_id: int, file_name: str) -> dict:
    """Import the upload waiting under ``token``; what happened, for the page that waits for it.

    ``{"record": id or None, "created": n, "updated": n, "unchanged": n}``, or ``{"refused": n}``
    (rows with errors: nothing written), ``{"errors": [...]}`` (the file as a whole refused) or
    ``{"gone": true}`` (imported by an earlier run, or discarded).
    """
    municipality = Municipality.objects.get(pk=municipality_id)
    by = get_user_model().objects.get(pk=user_id)
    try:
        plan = services.organisations_import_pending(token=token, municipality=municipality, by=by, file_name=file_name)
    except services.ImportRefused as refused:
        return {"refused": len(refused.plan.errors)}
    except ValidationError as error:
        return {"errors": error.messages}
    if plan is None:
        return {"gone": True}
    return {
        "record": plan.record.pk if plan.record else None,
        "created": len(plan.created),
        "updated": len(plan.updated),
        "unchanged": plan.unchanged,
    }

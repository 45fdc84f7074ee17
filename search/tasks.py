"""The search index's background task: re-index objects after the transaction that changed them."""

from django.apps import apps
from django_tasks import task

from search.services import index_objects


@task()
def reindex(model_label: str, pks: list) -> int:
    """Index the objects of ``model_label`` with ``pks`` that may be found, remove the others; returns how many.

    Idempotent: it reads the objects as they are when it runs, so running it twice, or after a
    later change, leaves the index as the rows say.
    """
    return index_objects(model=apps.get_model(model_label), pks=pks)

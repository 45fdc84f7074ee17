"""Taking the test database back to earlier migrations and forward again, for the upgrade tests."""

from django.db import connection
from django.db.migrations.executor import MigrationExecutor

# Content types are read and moved by the upgrades; their models are always in the returned state.
CONTENT_TYPES = ("contenttypes", "0002_remove_content_type_name")


def migrate(targets):
    """Migrate to ``targets`` (``(app, None)``: none of the app's); the models as they are there."""
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    nodes = [target for target in targets if target[1] is not None]
    return executor.loader.project_state([*nodes, CONTENT_TYPES]).apps


def latest_targets():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()

"""An embedded PostgreSQL server for machines that have none.

When ``DATABASE_URL`` is not set, settings call :func:`database_settings`,
which starts (or reuses) a PostgreSQL server from the ``pgserver`` package
with its data directory under ``var/pgdata``. The server listens on a Unix
socket only. Every process that uses it registers a handle; the server stops
when the last of them exits, so ``make run`` and ``make test`` can share it
and nothing is left running afterwards.
"""

import logging
import warnings
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

DATABASE_NAME = "most"

logger = logging.getLogger(__name__)

_server = None


def _start(data_dir: Path):
    global _server
    if _server is None:
        # platformdirs warns, at start and at exit, that servers and CI have no
        # XDG_RUNTIME_DIR; pgserver then uses /tmp, which is what we want.
        warnings.filterwarnings("ignore", message=".*XDG_RUNTIME_DIR.*")
        import pgserver  # imported here: not needed when DATABASE_URL is set

        data_dir.parent.mkdir(parents=True, exist_ok=True)
        _server = pgserver.get_server(data_dir, cleanup_mode="stop")
    return _server


def database_settings(data_dir: Path) -> dict:
    """Start the embedded server if needed and return Django's DATABASES entry."""
    server = _start(data_dir)
    uri = urlsplit(server.get_uri())
    socket_dir = parse_qs(uri.query)["host"][0]
    _ensure_database(server)
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": DATABASE_NAME,
        "USER": uri.username or "postgres",
        "PASSWORD": "",
        "HOST": socket_dir,
        "PORT": "",
    }


def _ensure_database(server) -> None:
    exists = server.psql(f"SELECT 1 FROM pg_database WHERE datname = '{DATABASE_NAME}';")  # noqa: S608 (a constant)
    if "(1 row)" not in exists:
        server.psql(f"CREATE DATABASE {DATABASE_NAME};")
        logger.info("Created database %s in the embedded PostgreSQL", DATABASE_NAME)

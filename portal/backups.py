"""Backup and restore of the database and the uploaded media.

A backup is a folder holding ``database.dump`` (pg_dump's custom format),
``media.tar.gz`` (everything under MEDIA_ROOT) and ``manifest.json`` (row
counts of every table and a SHA-256 of every media file), so that a restore
can prove it brought back what was saved.

pg_dump and pg_restore come from the ``pgserver`` wheel (PostgreSQL 16, which
can dump and restore servers from 9.2 up) unless ``PG_BIN_DIR`` names another
directory, e.g. a newer server's binaries.
"""

import hashlib
import json
import os
import shutil
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.db import connection

MANIFEST = "manifest.json"
DATABASE_DUMP = "database.dump"
MEDIA_ARCHIVE = "media.tar.gz"


class BackupError(Exception):
    pass


@dataclass(frozen=True)
class RestoreReport:
    tables_checked: int
    media_files_checked: int


def _pg_binary(name: str) -> str:
    if os.environ.get("PG_BIN_DIR"):
        return str(Path(os.environ["PG_BIN_DIR"]) / name)
    import pgserver

    return str(Path(pgserver.__file__).parent / "pginstall" / "bin" / name)


def _pg_environment() -> dict:
    database = connection.settings_dict
    environment = dict(os.environ)
    environment.update(
        {
            "PGDATABASE": database["NAME"],
            "PGHOST": database.get("HOST") or "",
            "PGPORT": str(database.get("PORT") or ""),
            "PGUSER": database.get("USER") or "",
            "PGPASSWORD": database.get("PASSWORD") or "",
        }
    )
    return {key: value for key, value in environment.items() if value != ""}


def _run(command: list[str]) -> None:
    result = subprocess.run(command, env=_pg_environment(), capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        raise BackupError(f"{Path(command[0]).name} failed: {result.stderr.strip()}")


def table_row_counts() -> dict[str, int]:
    """Exact row counts of every table in the public schema."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")
        tables = [row[0] for row in cursor.fetchall()]
        counts = {}
        for table in tables:
            cursor.execute(f'SELECT count(*) FROM "{table}"')  # noqa: S608 (names from the catalogue)
            counts[table] = cursor.fetchone()[0]
    return counts


def media_checksums(media_root: Path) -> dict[str, str]:
    checksums = {}
    if media_root.exists():
        for path in sorted(media_root.rglob("*")):
            if path.is_file():
                checksums[path.relative_to(media_root).as_posix()] = hashlib.sha256(path.read_bytes()).hexdigest()
    return checksums


def backup_create(*, destination: Path) -> Path:
    """Write a new backup folder under ``destination`` and return its path."""
    folder = destination / datetime.now(tz=UTC).strftime("most-%Y%m%d-%H%M%S")
    folder.mkdir(parents=True, exist_ok=False)
    try:
        manifest = {
            "created": datetime.now(tz=UTC).isoformat(),
            "tables": table_row_counts(),
            "media": media_checksums(Path(settings.MEDIA_ROOT)),
        }
        _run([_pg_binary("pg_dump"), "--format=custom", "--no-owner", "--file", str(folder / DATABASE_DUMP)])
        with tarfile.open(folder / MEDIA_ARCHIVE, "w:gz") as archive:
            if Path(settings.MEDIA_ROOT).exists():
                archive.add(settings.MEDIA_ROOT, arcname="media")
        (folder / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True))
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return folder


def backup_restore(*, source: Path) -> RestoreReport:
    """Replace the database and MEDIA_ROOT with the backup in ``source``, then verify both."""
    manifest = json.loads((source / MANIFEST).read_text())
    connection.close()
    _run(
        [
            _pg_binary("pg_restore"),
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            "--dbname",
            connection.settings_dict["NAME"],
            str(source / DATABASE_DUMP),
        ]
    )
    media_root = Path(settings.MEDIA_ROOT)
    media_root.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=media_root.parent) as unpacked:
        with tarfile.open(source / MEDIA_ARCHIVE, "r:gz") as archive:
            archive.extractall(unpacked, filter="data")
        restored = Path(unpacked) / "media"
        restored.mkdir(exist_ok=True)
        # Swap whole folders so a reader never sees half the old and half the new media.
        previous = media_root.with_name(media_root.name + ".before-restore")
        shutil.rmtree(previous, ignore_errors=True)
        if media_root.exists():
            media_root.rename(previous)
        restored.rename(media_root)
        shutil.rmtree(previous, ignore_errors=True)

    counts = table_row_counts()
    if counts != manifest["tables"]:
        differences = {
            table: (manifest["tables"].get(table), counts.get(table))
            for table in set(counts) | set(manifest["tables"])
            if counts.get(table) != manifest["tables"].get(table)
        }
        raise BackupError(f"Row counts differ after restore (expected, found): {differences}")
    if media_checksums(media_root) != manifest["media"]:
        raise BackupError("Media files differ from the backup's manifest after restore.")
    return RestoreReport(tables_checked=len(counts), media_files_checked=len(manifest["media"]))

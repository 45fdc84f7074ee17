"""Backup and restore of the database and the uploaded media.

A backup is a folder holding ``database.dump`` (pg_dump's custom format),
``media.tar.gz`` (every file a restore needs: MEDIA_ROOT, the photo
originals under MEDIA_LIBRARY_ORIGINALS_ROOT, from which renditions are
remade, and the pending import files under DIRECTORY_IMPORT_ROOT) and
``manifest.json`` (row counts of every table and a SHA-256 of every file),
so that a restore can prove it brought back what was saved.

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


def file_roots() -> dict[str, Path]:
    """The folders of files a restore needs, by their name in the archive."""
    return {
        "media": Path(settings.MEDIA_ROOT),
        "originals": Path(settings.MEDIA_LIBRARY_ORIGINALS_ROOT),
        "imports": Path(settings.DIRECTORY_IMPORT_ROOT),
    }


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
    """The connection of the portal for pg_dump and pg_restore: what the settings leave empty is inherited."""
    database = connection.settings_dict
    options = database.get("OPTIONS") or {}
    environment = dict(os.environ)
    chosen = {
        "PGDATABASE": database["NAME"],
        # A socket directory may come as ?host=... in DATABASE_URL, which lands in OPTIONS.
        "PGHOST": database.get("HOST") or options.get("host") or "",
        "PGPORT": str(database.get("PORT") or options.get("port") or ""),
        "PGUSER": database.get("USER") or "",
        "PGPASSWORD": database.get("PASSWORD") or "",
    }
    environment.update({key: value for key, value in chosen.items() if value})
    return environment


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
            "files": {name: media_checksums(root) for name, root in file_roots().items()},
        }
        _run([_pg_binary("pg_dump"), "--format=custom", "--no-owner", "--file", str(folder / DATABASE_DUMP)])
        with tarfile.open(folder / MEDIA_ARCHIVE, "w:gz") as archive:
            for name, root in file_roots().items():
                if root.exists():
                    archive.add(root, arcname=name)
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
    # Backups made before the originals and imports were archived list only "media".
    saved = manifest.get("files", {"media": manifest["media"]})
    roots = {name: root for name, root in file_roots().items() if name in saved}
    with tempfile.TemporaryDirectory() as unpacked:
        with tarfile.open(source / MEDIA_ARCHIVE, "r:gz") as archive:
            archive.extractall(unpacked, filter="data")
        for name, root in roots.items():
            _replace_folder(root, Path(unpacked) / name)
    counts = table_row_counts()
    if counts != manifest["tables"]:
        differences = {
            table: (manifest["tables"].get(table), counts.get(table))
            for table in set(counts) | set(manifest["tables"])
            if counts.get(table) != manifest["tables"].get(table)
        }
        raise BackupError(f"Row counts differ after restore (expected, found): {differences}")
    for name, root in roots.items():
        if media_checksums(root) != saved[name]:
            raise BackupError(f"Files under {name} differ from the backup's manifest after restore.")
    return RestoreReport(tables_checked=len(counts), media_files_checked=sum(len(files) for files in saved.values()))


def _replace_folder(root: Path, restored: Path) -> None:
    """Put ``restored`` in place of ``root``, swapping whole folders so no reader sees half of each."""
    root.parent.mkdir(parents=True, exist_ok=True)
    staged = root.with_name(root.name + ".restoring")
    shutil.rmtree(staged, ignore_errors=True)
    if restored.exists():
        shutil.move(restored, staged)  # the unpacked copy may be on another file system
    else:
        staged.mkdir()
    previous = root.with_name(root.name + ".before-restore")
    shutil.rmtree(previous, ignore_errors=True)
    if root.exists():
        root.rename(previous)
    staged.rename(root)
    shutil.rmtree(previous, ignore_errors=True)

"""The committed demo content, loaded once per run and copied back for every transactional test that asks for it.

Loading the demo content takes about 20 s of CPU (photos and their renditions, the search index);
a live-site test needs it committed, and the flush after the test empties it again. So the first
load's rows are kept in memory (``COPY ... TO STDOUT``, table by table, with the id sequences'
positions) and its photos in a folder of the run's; the next test gets them back with ``COPY ...
FROM STDIN`` and a copy of the folder, in well under a second.

A copy is only made into the state the load it was taken from started in: every table's rows (one
checksum per table) and every id sequence's position are the same, as serialized rollback and
reset sequences make them before each live-site test. A database in any other state gets a load
of its own, which is kept for the next test that starts from that state.
"""

import os
import shutil
import time
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.db import connection, transaction

from core.pagecache import content_changed


def quoted(name: str) -> str:
    return connection.ops.quote_name(name)


def table_columns() -> dict[str, str]:
    """Every table of the schema, with the columns a COPY writes (generated columns are computed)."""
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT c.table_name, string_agg(quote_ident(c.column_name), ', ' ORDER BY c.ordinal_position)
            FROM information_schema.columns c
            JOIN information_schema.tables t USING (table_schema, table_name)
            WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE' AND c.is_generated = 'NEVER'
            GROUP BY c.table_name
            """
        )
        return dict(cursor.fetchall())


def fingerprint(tables) -> dict[str, str | None]:
    """One checksum of each table's rows (None for an empty table)."""
    parts = [
        f"SELECT %s, md5(string_agg(t::text, E'\\n' ORDER BY t::text)) FROM {quoted(table)} t"  # noqa: S608 (our own table names)
        for table in sorted(tables)
    ]
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts), sorted(tables))
        return dict(cursor.fetchall())


def sequence_positions() -> list[tuple[str, int | None]]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT quote_ident(schemaname) || '.' || quote_ident(sequencename), last_value"
            " FROM pg_sequences WHERE schemaname = current_schema()"
        )
        return cursor.fetchall()


class Snapshot:
    """The rows, the sequences' positions and the photos that one load of the demo content left."""

    def __init__(self, folder: Path, before: dict[str, str | None]):
        self.folder = folder
        # The tables that had rows before the load: emptied before the copy goes back.
        self.nonempty_before = [table for table, checksum in before.items() if checksum is not None]
        self.rows: dict[str, bytes] = {}
        self.sequences: list[tuple[str, int | None]] = []

    def media_folders(self) -> list[tuple[Path, Path]]:
        return [
            (Path(settings.MEDIA_ROOT), self.folder / "media"),
            (Path(settings.MEDIA_LIBRARY_ORIGINALS_ROOT), self.folder / "originals"),
        ]

    def take(self, columns: dict[str, str]) -> None:
        with connection.cursor() as cursor:
            for table, names in columns.items():
                with cursor.cursor.copy(f"COPY {quoted(table)} ({names}) TO STDOUT (FORMAT binary)") as copy:
                    data = b"".join(copy)
                self.rows[table] = data
        # A binary COPY of no rows is its header and trailer alone: leave those tables out.
        empty = min(len(data) for data in self.rows.values())
        self.rows = {table: data for table, data in self.rows.items() if len(data) > empty}
        self.sequences = sequence_positions()
        for live, kept in self.media_folders():
            if live.exists():
                shutil.copytree(live, kept, dirs_exist_ok=True)

    def restore(self, columns: dict[str, str], *, exact_sequences: bool) -> None:
        # One transaction: the foreign keys (deferred, as Django makes them) are checked at its commit.
        with transaction.atomic(), connection.cursor() as cursor:
            if self.nonempty_before:
                cursor.execute(f"TRUNCATE {', '.join(quoted(table) for table in self.nonempty_before)} CASCADE")
            for table, data in self.rows.items():
                with cursor.cursor.copy(f"COPY {quoted(table)} ({columns[table]}) FROM STDIN (FORMAT binary)") as copy:
                    copy.write(data)
            for sequence, position in self.sequences:
                if not exact_sequences:
                    # Never back: rows rolled back with their transaction still used up their ids.
                    cursor.execute(
                        "SELECT setval(%s, greatest(%s, (SELECT last_value FROM pg_sequences"
                        " WHERE quote_ident(schemaname) || '.' || quote_ident(sequencename) = %s)), true)",
                        [sequence, position or 1, sequence],
                    )
                elif position is None:
                    cursor.execute("SELECT setval(%s, 1, false)", [sequence])
                else:
                    cursor.execute("SELECT setval(%s, %s, true)", [sequence, position])
        for live, kept in self.media_folders():
            if kept.exists():
                shutil.copytree(kept, live, dirs_exist_ok=True)


class DemoSnapshots:
    """The committed demo content of one run, by the database state it was loaded into (module docstring)."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.columns: dict[str, str] | None = None
        self.snapshots: dict[tuple, Snapshot] = {}
        self.loads = self.restores = 0
        self.load_seconds = self.restore_seconds = 0.0

    def load(self, *, exact_sequences: bool = True) -> None:
        """The demo content: copied back when an earlier load started from the same state.

        With ``exact_sequences`` (a live-site test, whose sequences restart) only from the same
        positions of the id sequences too, so that every row gets the id a load would give it.
        Without (a module's shared rows, in a transaction), the rows get the ids of the first load,
        and the sequences move on past them.
        """
        if self.columns is None:
            self.columns = table_columns()
        before = fingerprint(self.columns)
        key = (tuple(sorted(before.items())), tuple(sequence_positions()) if exact_sequences else None)
        snapshot = self.snapshots.get(key)
        started = time.perf_counter()
        if snapshot is None:
            self.loads += 1
            call_command("load_demo_content", stdout=open(os.devnull, "w"))  # noqa: SIM115
            snapshot = Snapshot(self.folder / str(len(self.snapshots)), before)
            snapshot.take(self.columns)
            self.snapshots[key] = snapshot
            self.load_seconds += time.perf_counter() - started
        else:
            self.restores += 1
            snapshot.restore(self.columns, exact_sequences=exact_sequences)
            self.restore_seconds += time.perf_counter() - started
        content_changed()

    def summary(self) -> str:
        return (
            f"demo content: {self.loads} loads ({self.load_seconds:.0f} s), "
            f"{self.restores} copies of a load ({self.restore_seconds:.1f} s)"
        )

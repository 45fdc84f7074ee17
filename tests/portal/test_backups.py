"""The restore drill: a backup brings back every row and every media file."""

import json
import time
from pathlib import Path

import pytest
from django.core.management import call_command

from core.models import InformationCentre, Municipality

# Transactional: pg_dump runs in another process and sees only committed rows.
# Serialized rollback, like every transactional test here: the rows of data
# migrations come back after the flush, and tests of both kinds can mix.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MEDIA_LIBRARY_ORIGINALS_ROOT = tmp_path / "originals"
    settings.DIRECTORY_IMPORT_ROOT = tmp_path / "imports"
    (settings.MEDIA_ROOT / "municipalities").mkdir(parents=True)
    (settings.MEDIA_ROOT / "municipalities" / "emblem.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    # A photo original (renditions are remade from it) and an import waiting for its confirmation.
    (settings.MEDIA_LIBRARY_ORIGINALS_ROOT / "2026" / "12").mkdir(parents=True)
    (settings.MEDIA_LIBRARY_ORIGINALS_ROOT / "2026" / "12" / "bridge.jpg").write_bytes(b"\xff\xd8\xff" + bytes(4096))
    settings.DIRECTORY_IMPORT_ROOT.mkdir()
    (settings.DIRECTORY_IMPORT_ROOT / "pending.xlsx").write_bytes(b"PK\x03\x04" + bytes(range(256)) * 8)
    return settings.MEDIA_ROOT


def every_file(settings) -> dict[str, bytes]:
    roots = {"media": settings.MEDIA_ROOT, "originals": settings.MEDIA_LIBRARY_ORIGINALS_ROOT}
    roots["imports"] = settings.DIRECTORY_IMPORT_ROOT
    return {
        f"{name}/{path.relative_to(root).as_posix()}": path.read_bytes()
        for name, root in roots.items()
        for path in sorted(Path(root).rglob("*"))
        if path.is_file()
    }


def test_restore_brings_back_rows_and_media_exactly_as_backed_up(media_root, settings, tmp_path, capsys, figures):
    call_command("load_demo_content", stdout=open("/dev/null", "w"))  # noqa: SIM115
    before = every_file(settings)
    assert any(name.startswith("originals/") for name in before) and "imports/pending.xlsx" in before
    began = time.monotonic()
    call_command("backup_data", "--to", str(tmp_path / "backups"))
    backup_seconds = time.monotonic() - began
    folder = next((tmp_path / "backups").iterdir())
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["tables"]["core_municipality"] == 2
    assert "municipalities/emblem.png" in manifest["media"]
    assert "2026/12/bridge.jpg" in manifest["files"]["originals"] and "pending.xlsx" in manifest["files"]["imports"]
    # Lost after the backup: an original and the pending import; and a stray original appears.
    for path in Path(settings.MEDIA_LIBRARY_ORIGINALS_ROOT).rglob("*.jpg"):
        path.write_bytes(b"damaged")
    (settings.DIRECTORY_IMPORT_ROOT / "pending.xlsx").unlink()
    (Path(settings.MEDIA_LIBRARY_ORIGINALS_ROOT) / "stray.jpg").write_bytes(b"x")

    # Things go wrong after the backup: a row lost, a row changed, a file changed, a file added.
    InformationCentre.objects.filter(municipality__slug="koprivshtitsa").delete()
    Municipality.objects.filter(slug="medijana").update(population=1)
    (media_root / "municipalities" / "emblem.png").write_bytes(b"damaged")
    (media_root / "stray.txt").write_text("not in the backup")

    began = time.monotonic()
    call_command("restore_data", str(folder), "--yes")
    restore_seconds = time.monotonic() - began
    after = every_file(settings)
    assert after.keys() == before.keys()
    assert [name for name in before if after[name] != before[name]] == []  # every file, byte for byte
    figures(
        f"Restore drill: {len(before)} files, {sum(map(len, before.values()))} bytes compared byte for byte; "
        f"backup {backup_seconds:.1f} s, restore {restore_seconds:.1f} s"
    )

    assert "Restored and verified" in capsys.readouterr().out
    assert InformationCentre.objects.filter(municipality__slug="koprivshtitsa").exists()
    medijana = Municipality.objects.get(slug="medijana")
    assert medijana.population == 88010
    assert medijana.name_sr == "Градска општина Медијана"
    assert (media_root / "municipalities" / "emblem.png").read_bytes().startswith(b"\x89PNG")
    assert not (media_root / "stray.txt").exists()


def test_restore_refuses_a_folder_that_is_not_a_backup(tmp_path):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="not a backup folder"):
        call_command("restore_data", str(tmp_path), "--yes")

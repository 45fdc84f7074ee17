"""The restore drill: a backup brings back every row and every media file."""

import json

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
    (settings.MEDIA_ROOT / "municipalities").mkdir(parents=True)
    (settings.MEDIA_ROOT / "municipalities" / "emblem.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    return settings.MEDIA_ROOT


def test_restore_brings_back_rows_and_media_exactly_as_backed_up(media_root, tmp_path, capsys):
    call_command("load_demo_content", stdout=open("/dev/null", "w"))  # noqa: SIM115
    call_command("backup_data", "--to", str(tmp_path / "backups"))
    folder = next((tmp_path / "backups").iterdir())
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["tables"]["core_municipality"] == 2
    assert "municipalities/emblem.png" in manifest["media"]

    # Things go wrong after the backup: a row lost, a row changed, a file changed, a file added.
    InformationCentre.objects.filter(municipality__slug="koprivshtitsa").delete()
    Municipality.objects.filter(slug="medijana").update(population=1)
    (media_root / "municipalities" / "emblem.png").write_bytes(b"damaged")
    (media_root / "stray.txt").write_text("not in the backup")

    call_command("restore_data", str(folder), "--yes")

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

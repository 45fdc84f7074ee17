"""The import contracts in pyproject.toml hold for the code, and break when a layer imports upwards."""

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

from django.conf import settings

LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def lint_imports(root: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", str(root / "pyproject.toml")],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_the_code_keeps_every_import_contract():
    """Layers point down, apps import only their declared dependencies and never another app's views."""
    result = lint_imports(settings.BASE_DIR)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_core_importing_an_app_breaks_its_contract(tmp_path):
    """A copy of the code where core imports the directory fails, naming the contracts it breaks."""
    python_only = shutil.ignore_patterns("*.pyc", "__pycache__", "locale", "*.po", "*.mo", "*.html", "*.json", ".tools")
    config = tomllib.loads((settings.BASE_DIR / "pyproject.toml").read_text())
    for package in config["tool"]["importlinter"]["root_packages"]:
        shutil.copytree(settings.BASE_DIR / package, tmp_path / package, ignore=python_only)
    shutil.copy(settings.BASE_DIR / "pyproject.toml", tmp_path)
    assert lint_imports(tmp_path).returncode == 0

    with (tmp_path / "core" / "pagecache.py").open("a") as module:
        module.write("\nfrom directory.models import Organisation  # noqa\n")
    result = lint_imports(tmp_path)

    assert result.returncode != 0
    assert "core imports no app BROKEN" in result.stdout
    assert "core.pagecache -> directory.models" in result.stdout

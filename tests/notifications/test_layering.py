"""Only ``notifications`` talks to ``django.core.mail``: every other module sends through its outbox."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# Not the portal's code: the tests (which read Django's test outbox), the environment, data.
SKIPPED = {"tests", ".venv", "var", "node_modules", "static", "locale", "templates", "docs"}


def mail_imports(path: Path) -> list[str]:
    """The lines of ``path`` that import ``django.core.mail`` or anything in it."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module, *(f"{node.module}.{alias.name}" for alias in node.names)]
        else:
            continue
        if any(name == "django.core.mail" or name.startswith("django.core.mail.") for name in names):
            found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    return found


def portal_modules():
    for path in sorted(ROOT.rglob("*.py")):
        parts = path.relative_to(ROOT).parts
        if parts[0] not in SKIPPED and not parts[0].startswith("."):
            yield path


def test_only_notifications_imports_django_mail():
    offenders = [line for path in portal_modules() for line in mail_imports(path)]
    assert [line for line in offenders if not line.startswith("notifications/")] == []
    assert "notifications/services.py" in {line.split(":")[0] for line in offenders}  # the check sees imports


def test_the_check_recognises_every_way_of_importing_mail(tmp_path, monkeypatch):
    monkeypatch.setattr(f"{__name__}.ROOT", tmp_path)
    for number, line in enumerate(
        [
            "from django.core.mail import send_mail",
            "from django.core import mail",
            "import django.core.mail",
            "from django.core.mail.message import EmailMessage",
        ]
    ):
        path = tmp_path / f"module{number}.py"
        path.write_text(f"{line}\n")
        assert mail_imports(path) == [f"module{number}.py:1"], line
    harmless = tmp_path / "harmless.py"
    harmless.write_text("from django.core import signing\nfrom django.core.management import call_command\n")
    assert mail_imports(harmless) == []

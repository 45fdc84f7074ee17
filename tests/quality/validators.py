"""The outside checkers the gates run: the Nu Html Checker and axe-core.

Both come from the npm registry, pinned in ``tests/tools/package-lock.json``,
and ``make test`` installs them under ``tests/.tools/`` before the tests
run. Nothing is downloaded at test time.
"""

import json
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from django.conf import settings

NODE_MODULES = settings.BASE_DIR / "tests" / ".tools" / "node_modules"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE_JS = NODE_MODULES / "axe-core" / "axe.min.js"

# One short run: the client compiler and serial collector start fastest; a
# bigger stack is what the checker's documentation asks for deep documents.
JAVA_OPTIONS = ["-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss4m"]
# The rules of WCAG 2.1 levels A and AA that axe-core can check by itself.
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def tool(path: Path) -> Path:
    if not path.exists():
        pytest.fail(f"{path.relative_to(settings.BASE_DIR)} is missing: `make test` installs the test tools first.")
    return path


def html_errors(documents: dict[str, str]) -> dict[str, list[str]]:
    """Validate HTML documents with the Nu Html Checker in one Java run.

    ``documents`` maps a name (a URL, say) to the HTML; the answer maps each
    name that has errors to them. Warnings are not errors and are left out.
    """
    java = shutil.which("java")
    if java is None:
        pytest.fail("The Nu Html Checker needs Java (a JRE 11 or newer) on the PATH.")
    with tempfile.TemporaryDirectory() as directory:
        names = {}
        for number, (name, html) in enumerate(documents.items()):
            path = Path(directory) / f"{number:05d}.html"
            path.write_text(html, encoding="utf-8")
            names[path.name] = name
        result = subprocess.run(
            [
                java,
                *JAVA_OPTIONS,
                "-jar",
                str(tool(VNU_JAR)),
                "--format",
                "json",
                "--stdout",
                "--exit-zero-always",
                *sorted(names),
            ],
            cwd=directory,
            capture_output=True,
            text=True,
            timeout=600,
        )
    assert result.returncode == 0, result.stderr
    errors: dict[str, list[str]] = {}
    for message in json.loads(result.stdout)["messages"]:
        if message["type"] in {"error", "non-document-error"}:
            name = names.get(message.get("url", "").rsplit("/", 1)[-1], message.get("url", "?"))
            where = f"line {message['lastLine']}: " if "lastLine" in message else ""
            extract = f" in “{message['extract'].strip()}”" if message.get("extract") else ""
            errors.setdefault(name, []).append(f"{where}{message['message']}{extract}")
    return errors


def axe_violations(page, tags: list[str] = WCAG_21_AA) -> list[str]:
    """Run axe-core on the document open in a Playwright page; one line per violated rule."""
    # Evaluated through the DevTools protocol, which the page's Content Security
    # Policy does not govern: a <script> tag would be refused, as it should be.
    page.evaluate(Path(tool(AXE_JS)).read_text(encoding="utf-8"))
    results = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})", tags
    )
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']}, at "
        + ", ".join(" ".join(node["target"]) for node in violation["nodes"][:5])
        for violation in results["violations"]
    ]

"""Schemathesis, an independent tool, checks the running API against its own OpenAPI document.

It generates requests from the document (bounded: a few examples an operation) and
checks that none answers 500, that every answer matches its declared schema, status
code and content type. The number of operations and examples it ran is printed.
"""

import re
import subprocess
import sys
from pathlib import Path

CHECKS = "not_a_server_error,response_schema_conformance,status_code_conformance,content_type_conformance"
EXAMPLES_PER_OPERATION = 8


def test_schemathesis_finds_no_failure(live_site, settings, figures):
    # Schemathesis is a client like any other; the limit is tested in test_api.py.
    settings.API_RATE_LIMIT = 1_000_000
    st = Path(sys.executable).with_name("st")
    command = [
        str(st),
        "--no-color",
        "run",
        f"{live_site.url}/api/v1/openapi.json",
        "--url",
        live_site.url,
        "--checks",
        CHECKS,
        "--phases",
        "examples,fuzzing,stateful",
        "--max-examples",
        str(EXAMPLES_PER_OPERATION),
        "--seed",
        "24",
        "--request-timeout",
        "30",
    ]
    run = subprocess.run(command, capture_output=True, text=True, timeout=900, check=False)
    output = run.stdout + run.stderr
    operations = re.search(r"Tested:\s+(\d+)", output)
    cases = re.search(r"(\d+) generated, (.*)", output)
    figures(
        f"Schemathesis: {operations.group(1) if operations else '?'} operations, "
        f"{cases.group(1) if cases else '?'} examples ({cases.group(2).strip() if cases else output[-2000:]})"
    )
    assert run.returncode == 0, output[-6000:]
    assert operations and int(operations.group(1)) >= 29
    assert cases and int(cases.group(1)) > 0
    assert "failed" not in cases.group(2)

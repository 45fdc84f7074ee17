"""Two test processes (pytest-xdist, ``-n 2 --dist loadgroup`` in `make test`): what they must not share.

Each process gets its own test database from pytest-django (``test_most_gw0``, ``test_most_gw1``)
and its own temporary folders. The page-cache version file (``core.pagecache``) lives under
``VAR_DIR``, so each gets its own ``VAR_DIR`` too, or one process's edits would empty the other's
cache in the middle of a test. The embedded PostgreSQL server under ``var/pgdata`` stays one, shared.

Work is handed out by whole modules, so a module's shared rows and module fixtures are built once;
the modules that read the run's one crawl (``crawled_site``, tests/quality/conftest.py) go to the
same process, so the site is loaded and crawled once, not once per process.
"""

import os
from pathlib import Path

import pytest

WORKER = os.environ.get("PYTEST_XDIST_WORKER")
CRAWL_GROUP = "crawl"


def pytest_configure(config):
    if WORKER:
        from django.conf import settings

        settings.VAR_DIR = Path(settings.VAR_DIR) / "test-workers" / WORKER


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    if config.getvalue("dist") != "loadgroup":
        return None
    from xdist.scheduler import LoadGroupScheduling

    class ModulesAndGroups(LoadGroupScheduling):
        """A test's unit of work is its group (``xdist_group``) if it has one, else its module."""

        def _split_scope(self, nodeid: str) -> str:
            group = super()._split_scope(nodeid)
            return group if group != nodeid else nodeid.split("::", 1)[0]

    return ModulesAndGroups(config, log)


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    """Put every module that reads the crawl in the crawl's group (before xdist reads the marks)."""
    crawling = {item.module for item in items if "crawled_site" in getattr(item, "fixturenames", ())}
    for item in items:
        if getattr(item, "module", None) in crawling:
            item.add_marker(pytest.mark.xdist_group(CRAWL_GROUP))


# --- What the run measured, printed at its end whichever process measured it.
# A worker's own output never reaches the terminal, so figures travel with the reports:
# per test through ``figures`` (a user property of the test's report), per process through
# ``run_summaries`` (lines the process hands back when it finishes: ``workeroutput``).
FIGURE = "figure"
RUN_SUMMARIES: list = []  # callables returning lines, registered by the fixtures that count
FROM_WORKERS: list[str] = []


@pytest.fixture
def figures(request):
    """``figures("Schemathesis: 29 operations ...")``: a line for the run's summary, under "Figures"."""
    return lambda line: request.node.user_properties.append((FIGURE, line.strip()))


def run_summary_lines() -> list[str]:
    return [line for summary in RUN_SUMMARIES for line in summary()]


def pytest_sessionfinish(session):
    if WORKER and hasattr(session.config, "workeroutput"):
        session.config.workeroutput["summary"] = [f"{WORKER}: {line}" for line in run_summary_lines()]


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node, error):
    FROM_WORKERS.extend(getattr(node, "workeroutput", {}).get("summary", []))


def pytest_terminal_summary(terminalreporter):
    figures = [
        f"{value}  ({report.nodeid.split('::')[-1]})"
        for reports in terminalreporter.stats.values()
        for report in reports
        if getattr(report, "when", None) == "call"
        for key, value in getattr(report, "user_properties", ())
        if key == FIGURE
    ]
    lines = figures + (FROM_WORKERS if not WORKER else []) + ([] if FROM_WORKERS else run_summary_lines())
    if lines:
        terminalreporter.section("Figures")
        for line in lines:
            terminalreporter.write_line(line)


# --- A test in a transaction after a transactional one.
# pytest-django runs every transactional test (live server, pg_dump) after all the others, since
# each ends by emptying the database; the next transactional test puts back what the migrations
# made (serialized rollback, tests/conftest.py) before it starts. Handed out by module, a process
# runs one module's transactional tests and then another module's ordinary ones: those would find
# the database empty (no directions, no content types). So the rows the migrations made are put
# back as soon as an ordinary test follows a transactional one.
# (The serialized rows are remembered from the connection that made them: inside a browser test,
# Django hands out other connection objects, tests/conftest.py's ``browser``.)
MIGRATED_ROWS: dict[str, str] = {}


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    from django.db import connections

    from tests.conftest import is_transactional

    for alias in connections:
        contents = getattr(connections[alias], "_test_serialized_contents", None)
        if contents:
            MIGRATED_ROWS.setdefault(alias, contents)
    result = yield
    if nextitem is not None and is_transactional(item) and not is_transactional(nextitem):
        migrated_rows_restore(item.config)
    return result


def migrated_rows_restore(config) -> None:
    from django.contrib.contenttypes.models import ContentType
    from django.db import connections
    from pytest_django.plugin import blocking_manager_key

    with config.stash[blocking_manager_key].unblock():
        for alias, contents in MIGRATED_ROWS.items():
            connections[alias].creation.deserialize_db_from_string(contents)
        ContentType.objects.clear_cache()

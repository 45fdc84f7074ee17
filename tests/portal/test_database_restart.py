"""PostgreSQL restarts under load: nothing acknowledged is lost or doubled, and the portal recovers by itself.

The portal runs as in production, under gunicorn (two workers of four
threads, persistent health-checked connections), on a throwaway PostgreSQL
cluster made for this test from the ``pgserver`` wheel's binaries and
migrated. It uses no test database of its own. Threads register companies through the public
form and read pages while the cluster is stopped (fast shutdown: open
transactions are cut) and started again. Afterwards every registration the
portal acknowledged (the redirect to "sent"; its contact address is its
reference) must be in the database exactly once, and every request made from
10 seconds after the database's return must have succeeded.
"""

import contextlib
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from http.cookiejar import CookieJar
from pathlib import Path
from types import SimpleNamespace
from urllib.error import HTTPError, URLError
from urllib.parse import quote, urlencode
from urllib.request import HTTPCookieProcessor, HTTPRedirectHandler, build_opener

import psycopg
import pytest

from tests.registrations.factories import application, valid_eik

BASE_DIR = Path(__file__).resolve().parents[2]
LOAD_BEFORE = 4.0  # seconds of load before the restart
DOWN = 3.0  # seconds the database stays down
LOAD_AFTER = 12.0  # seconds of load after it is back
RECOVERY_LIMIT = 10.0


class Cluster:
    """A PostgreSQL cluster of its own in a temporary folder, which the test may stop and start."""

    def __init__(self, folder: Path):
        import pgserver

        self.server = pgserver.get_server(folder, cleanup_mode="delete")
        self.socket_dir = re.search(r"host=([^&]+)", self.server.get_uri()).group(1)
        self.server.psql("CREATE DATABASE most;")
        self.restarted = False

    def pg_ctl(self, *arguments: str) -> None:
        import pgserver

        pgserver.pg_ctl(list(arguments), pgdata=self.server.pgdata, user=self.server.system_user, timeout=30)

    def stop(self) -> None:
        self.pg_ctl("-w", "-m", "fast", "stop")

    def start(self) -> None:
        # The options pgserver started it with: Unix socket only, in the same folder.
        self.restarted = True
        self.pg_ctl("-w", "-o", '-h ""', "-o", f"-k {self.socket_dir}", "-l", str(self.server.log), "start")

    def url(self, database="most") -> str:
        return f"postgresql://postgres@{quote(self.socket_dir, safe='')}/{database}"

    def close(self) -> None:
        # pgserver stops the server it started; one started again here is stopped here.
        if self.restarted:
            with contextlib.suppress(subprocess.CalledProcessError):
                self.stop()
        self.server.cleanup()


def manage(cluster: "Cluster", tmp_path: Path, *arguments: str) -> str:
    """``manage.py`` in a fresh process, on the throwaway cluster."""
    result = subprocess.run(
        [sys.executable, "manage.py", *arguments],
        cwd=BASE_DIR,
        env=portal_environment(cluster, tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def portal_environment(cluster: "Cluster", tmp_path: Path) -> dict:
    environment = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "DATABASE_"))}
    environment.update(
        DJANGO_DEBUG="true",  # development static files: nothing to collect first
        DATABASE_URL=cluster.url(),
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        MOST_VAR_DIR=str(tmp_path / "var"),
        DJANGO_EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend",
        DJANGO_LOG_LEVEL="ERROR",
        REGISTRATIONS_RATE_LIMIT="1000000",
        PORTAL_FORM_MIN_FILL_SECONDS="0",
    )
    return environment


CREATE_MUNICIPALITY = (
    "from core.models import Country; from tests.portal.factories import MunicipalityFactory; "
    "print(MunicipalityFactory(slug='koprivshtitsa', country=Country.BULGARIA).pk)"
)


@pytest.fixture
def cluster(tmp_path):
    """The throwaway cluster, migrated, with one municipality (its id in ``cluster.municipality``)."""
    # pgserver runs PostgreSQL as its own user when started by root (as in CI), and that user
    # must reach the data folder: pytest's temporary folders are private to root (0700).
    shared = Path(tempfile.mkdtemp(prefix="most-restart-"))
    shared.chmod(0o755)
    cluster = Cluster(shared / "pgdata")
    try:
        manage(cluster, tmp_path, "migrate", "--verbosity", "0")
        created = manage(cluster, tmp_path, "shell", "--no-imports", "-c", CREATE_MUNICIPALITY)
        cluster.municipality = SimpleNamespace(pk=int(created.split()[-1]))
        yield cluster
    finally:
        cluster.close()
        shutil.rmtree(shared, ignore_errors=True)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def portal(cluster, tmp_path):
    """The portal under gunicorn on the throwaway cluster; its base URL."""
    port = free_port()
    environment = portal_environment(cluster, tmp_path)
    # Production's settings (portal/gunicorn.py), on a port of the test's own and with two workers.
    command = [sys.executable, "-m", "gunicorn", "-c", "python:portal.gunicorn", "portal.wsgi"]
    command += ["--bind", f"127.0.0.1:{port}", "--workers", "2", "--log-level", "warning"]
    log = (tmp_path / "gunicorn.log").open("w")
    process = subprocess.Popen(command, cwd=BASE_DIR, env=environment, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            if build_opener().open(f"{base}/healthz", timeout=2).status == 200:
                break
        except (URLError, ConnectionError, OSError):
            pass
        assert time.monotonic() < deadline and process.poll() is None, (tmp_path / "gunicorn.log").read_text()
        time.sleep(0.2)
    yield base
    process.terminate()
    process.wait(timeout=15)
    log.close()


@dataclass
class Attempt:
    kind: str  # "register" or "view"
    started: float
    ended: float
    ok: bool
    outcome: str  # status or error
    email: str = ""


class NoRedirects(HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def request(opener, url: str, data: dict | None = None) -> tuple[int, str, dict]:
    body = urlencode(data, doseq=True).encode() if data is not None else None
    try:
        with opener.open(url, data=body, timeout=15) as response:
            return response.status, response.read().decode(), dict(response.headers)
    except HTTPError as error:
        return error.code, error.read().decode(errors="replace"), dict(error.headers)


class FormNotShown(Exception):
    pass


def answer(status: int, headers: dict) -> str:
    """How a request was answered: its status, and for a 503 whether it said when to try again."""
    if status == 503 and not headers.get("Retry-After"):
        return "503 without Retry-After"
    return str(status)


class Load:
    """Threads that register companies and read pages until told to stop, recording every attempt."""

    def __init__(self, base: str, municipality):
        self.base, self.municipality = base, municipality
        self.attempts: list[Attempt] = []
        self.stopping = threading.Event()
        self.counter = iter(range(10**6))
        self.lock = threading.Lock()

    def record(self, attempt: Attempt) -> None:
        with self.lock:
            self.attempts.append(attempt)

    def register(self) -> None:
        opener = build_opener(HTTPCookieProcessor(CookieJar()), NoRedirects)
        while not self.stopping.is_set():
            with self.lock:
                number = next(self.counter)
            email = f"load-{number}@example.org"
            started = time.monotonic()
            try:
                status, page, headers = request(opener, f"{self.base}/en/companies/register/")
                if status != 200:
                    raise FormNotShown(f"form {answer(status, headers)}")
                data = application(
                    self.municipality,
                    eik=valid_eik(5_000_000 + number),
                    contact_email=email,
                    name=f"Товарна фирма {number} ООД",
                    started=re.search(r'name="started" value="([^"]+)"', page).group(1),
                    csrfmiddlewaretoken=re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1),
                )
                status, _page, headers = request(opener, f"{self.base}/en/companies/register/", data)
                acknowledged = status == 302 and headers.get("Location", "").endswith("/companies/register/sent/")
                outcome = answer(status, headers)
            except FormNotShown as error:
                acknowledged, outcome = False, str(error)
            except Exception as error:  # refused connections, timeouts: the client sees a failure
                acknowledged, outcome = False, type(error).__name__
            self.record(Attempt("register", started, time.monotonic(), acknowledged, outcome, email))
            if not acknowledged:
                time.sleep(0.1)

    def view(self) -> None:
        opener = build_opener(NoRedirects)
        paths = ["/en/", "/en/directory/", "/bg/companies/register/", "/healthz"]
        number = 0
        while not self.stopping.is_set():
            path = paths[number % len(paths)]
            number += 1
            started = time.monotonic()
            try:
                status, _page, headers = request(opener, self.base + path)
                ok, outcome = status == 200, answer(status, headers)
            except Exception as error:
                ok, outcome = False, type(error).__name__
            self.record(Attempt("view", started, time.monotonic(), ok, outcome))
            if not ok:
                time.sleep(0.1)


def test_a_database_restart_under_load_loses_nothing_acknowledged_and_heals_itself(cluster, portal):
    load = Load(portal, cluster.municipality)
    threads = [threading.Thread(target=load.register) for _ in range(3)]
    threads += [threading.Thread(target=load.view) for _ in range(2)]
    for thread in threads:
        thread.start()
    try:
        time.sleep(LOAD_BEFORE)
        stopped = time.monotonic()
        cluster.stop()
        time.sleep(DOWN)
        cluster.start()
        back = time.monotonic()
        time.sleep(LOAD_AFTER)
    finally:
        load.stopping.set()
        for thread in threads:
            thread.join(timeout=30)

    with psycopg.connect(cluster.url()) as database:
        rows = database.execute("SELECT contact_email FROM registrations_companyregistration").fetchall()
    stored = [email for (email,) in rows]
    acknowledged = [attempt.email for attempt in load.attempts if attempt.kind == "register" and attempt.ok]
    lost = sorted(set(acknowledged) - set(stored))
    duplicated = sorted({email for email in stored if stored.count(email) > 1})

    failures = [attempt for attempt in load.attempts if not attempt.ok]
    late_failures = [attempt for attempt in failures if attempt.started > back + RECOVERY_LIMIT]
    early_failures = [attempt for attempt in failures if attempt.ended < stopped]
    # Recovery: from the database's return to the first of the successes that last to the end.
    after = sorted((attempt for attempt in load.attempts if attempt.started >= back), key=lambda a: a.started)
    last_failure = max((attempt.started for attempt in after if not attempt.ok), default=None)
    healthy = [a.started for a in after if a.ok and (last_failure is None or a.started > last_failure)]
    recovery = (healthy[0] - back) if healthy else float("inf")
    outcomes = sorted({attempt.outcome for attempt in failures})
    print(
        f"\nDatabase restart under load: {len(load.attempts)} requests, {len(acknowledged)} registrations "
        f"acknowledged, {len(stored)} stored, {len(lost)} lost, {len(duplicated)} duplicated; "
        f"{len(failures)} failed while it was down ({', '.join(outcomes)}); "
        f"answering normally {recovery:.2f} s after the database's return"
    )
    assert not lost, lost
    assert not duplicated, duplicated
    assert set(stored) <= {attempt.email for attempt in load.attempts if attempt.kind == "register"}
    assert not early_failures, early_failures[:5]
    assert not late_failures, late_failures[:5]
    assert recovery <= RECOVERY_LIMIT
    # The load was real on both sides of the restart, and the outage was seen.
    assert any(attempt.ok and attempt.ended < stopped for attempt in load.attempts if attempt.kind == "register")
    assert any(attempt.ok and attempt.started > back for attempt in load.attempts if attempt.kind == "register")
    assert failures
    # A request that met the outage was told so: the portal's 503 with Retry-After (or no connection
    # at all), never a 200, nor a 400 or 500 that blames the request or the portal. (A database gone
    # while the session was saved used to answer 400: the test below makes that moment exact.)
    visible = {"503", "form 503", "URLError", "RemoteDisconnected", "ConnectionResetError", "TimeoutError"}
    assert set(outcomes) <= visible


# The outage, made exact: the database refuses to write a session, with the error PostgreSQL
# sends to every connection when it shuts down (SQLSTATE 57P01, an OperationalError), after the
# view has done its work. Under load this happened when PostgreSQL stopped between a view's
# last query and the session middleware's save; Django read the update's failure as a session
# deleted by a concurrent log-out and answered 400.
SESSION_WRITES_FAIL = """
CREATE FUNCTION refuse_session_writes() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'terminating connection due to administrator command' USING ERRCODE = 'admin_shutdown';
END $$;
CREATE TRIGGER refuse_session_writes BEFORE INSERT OR UPDATE OR DELETE ON django_session
    FOR EACH ROW EXECUTE FUNCTION refuse_session_writes();
"""


@pytest.mark.django_db
@pytest.mark.parametrize("session", ["existing", "new"])
def test_a_database_gone_while_the_session_is_saved_is_answered_503_with_retry_after(client, settings, session):
    """A registration whose session cannot be saved, the database gone, gets 503 "try again", never 400 or 500."""
    from django.db import connection

    from core.models import Country
    from tests.portal.factories import MunicipalityFactory
    from tests.registrations.factories import started

    settings.PORTAL_FORM_MIN_FILL_SECONDS = 0
    client.raise_request_exception = False
    municipality = MunicipalityFactory(slug="koprivshtitsa", country=Country.BULGARIA)
    if session == "existing":
        stored = client.session
        stored["seen"] = True
        stored.save()
        client.cookies[settings.SESSION_COOKIE_NAME] = stored.session_key
    with connection.cursor() as cursor:
        cursor.execute(SESSION_WRITES_FAIL)

    response = client.post("/en/companies/register/", application(municipality, started=started()))

    assert response.status_code == 503
    assert response["Retry-After"] == "10"
    assert "The portal is briefly unavailable" in response.content.decode()


@pytest.mark.parametrize(
    "error",
    [
        # Raised by psycopg itself, not wrapped by Django: closing the server-side cursor of a
        # form's choices while PostgreSQL shut down (a GET of the registration form answered 500).
        psycopg.errors.AdminShutdown("terminating connection due to administrator command"),
        psycopg.InterfaceError("the connection is closed"),
    ],
)
def test_a_lost_connection_the_driver_reports_itself_is_answered_503(rf, error):
    from core.middleware import DatabaseUnavailableMiddleware

    middleware = DatabaseUnavailableMiddleware(lambda request: None)
    response = middleware.process_exception(rf.get("/en/companies/register/"), error)

    assert response.status_code == 503
    assert response["Retry-After"] == "10"
    assert middleware.process_exception(rf.get("/en/"), ValueError("not the database")) is None

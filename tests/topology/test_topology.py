"""Most on several servers, on one machine (docs/SCALING.md): PostgreSQL, Redis, an S3 server
(SeaweedFS), two gunicorn app servers, a task worker and Varnish in front, each a process on
loopback, started from the very files of ``deploy/`` (the units' ExecStart lines, the
environment example, the VCL), so those cannot rot. ``make topology`` runs this module alone and
prints its figures.

Every process runs in production mode, as ``deploy/most.env.example`` says (``DJANGO_DEBUG``
off, ``check --deploy`` passing, staff logging in with a second factor, TLS ended in front:
the test's requests carry the ``X-Forwarded-Proto: https`` a TLS terminator adds). Its
``collectstatic`` (hashed, compressed files: 40 s to 2 minutes here) runs once and is kept in
``var/topology-static/`` under a key of the static files' names, sizes and times.
"""

import base64
import hashlib
import io
import os
import re
import shlex
import shutil
import signal
import string
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from html.parser import HTMLParser
from pathlib import Path

import psycopg
import pyotp
import pytest
from django.conf import settings
from django.db import connections
from PIL import Image

from tests.engines import free_port, wait_for
from tests.engines.redis import RedisServer
from tests.engines.s3 import S3Server
from tests.engines.smtp import SmtpSink

BASE_DIR = Path(settings.BASE_DIR)
DEPLOY = BASE_DIR / "deploy"
VENV_BIN = Path(sys.executable).parent
HOST = "127.0.0.1"
PASSWORD = "topology-password-0123"
ADMIN_EMAIL = "topology@example.eu"
# The staff account's authenticator app (a second factor is required in production).
TOTP_KEY = bytes(range(20))
# What the TLS terminator in front of Varnish adds to every request (DJANGO_BEHIND_PROXY=true).
FORWARDED = {"X-Forwarded-Proto": "https"}
STATIC_CACHE = BASE_DIR / "var" / "topology-static"

# The topology's database is a copy of the migrated test database; pytest-django migrates one
# only for a run that has tests asking for the database, which `make topology` alone would not.
pytestmark = pytest.mark.django_db


# --- The deploy files, as the test runs them ------------------------------------------------


def exec_start(unit: Path, **replacements: str) -> list[str]:
    """The command of a systemd unit's last ExecStart line, with the checkout for /srv/most."""
    line = [
        value for key, _, value in (row.partition("=") for row in unit.read_text().splitlines()) if key == "ExecStart"
    ][-1]
    line = line.replace("/srv/most/.venv/bin/", f"{VENV_BIN}/").replace("/srv/most", str(BASE_DIR))
    for old, new in replacements.items():
        line = line.replace(old, new)
    return shlex.split(line)


def environment_example() -> dict[str, str]:
    values = {}
    for row in (DEPLOY / "most.env.example").read_text().splitlines():
        if row.strip() and not row.startswith("#"):
            key, _, value = row.partition("=")
            values[key] = value
    return values


def database_url(name: str) -> str:
    database = settings.DATABASES["default"]
    user = urllib.parse.quote(database.get("USER") or "")
    password = urllib.parse.quote(database.get("PASSWORD") or "")
    credentials = f"{user}:{password}@" if user else ""
    query = urllib.parse.urlencode(
        {key: database[key.upper()] for key in ("host", "port") if database.get(key.upper())}
    )
    return f"postgres://{credentials}/{name}?{query}"


def database_connection(name: str) -> psycopg.Connection:
    database = settings.DATABASES["default"]
    parameters = {"host": database.get("HOST"), "port": database.get("PORT"), "user": database.get("USER")}
    parameters["password"] = database.get("PASSWORD")
    return psycopg.connect(dbname=name, autocommit=True, **{key: value for key, value in parameters.items() if value})


class Process:
    """A started process in a session of its own, killed with all its children."""

    def __init__(self, name: str, command: list[str], environ: dict, folder: Path):
        self.name, self.command, self.environ = name, command, environ
        self.log = folder / f"{name}.log"
        self.popen = None

    def start(self) -> "Process":
        with self.log.open("ab") as log:
            self.popen = subprocess.Popen(
                self.command,
                cwd=BASE_DIR,
                env=self.environ,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        return self

    def kill(self, how=signal.SIGKILL) -> None:
        if self.popen is not None and self.popen.poll() is None:
            os.killpg(self.popen.pid, how)
            self.popen.wait(timeout=30)

    def tail(self) -> str:
        return self.log.read_text(errors="replace")[-3000:]


# --- HTTP ---------------------------------------------------------------------------------


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def multipart(fields, files: dict[str, tuple[str, bytes, str]]) -> tuple[bytes, str]:
    """A multipart/form-data body of ``fields`` and ``files`` ({name: (file name, bytes, type)}), and its type."""
    boundary = "topology-" + os.urandom(8).hex()
    parts = []
    for name, value in fields:
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
    for name, (file_name, content, content_type) in files.items():
        head = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{file_name}"\r\n'
            f"Content-Type: {content_type}\r\n\r\n"
        )
        parts.append(head.encode() + content + b"\r\n")
    return b"".join(parts) + f"--{boundary}--\r\n".encode(), f"multipart/form-data; boundary={boundary}"


def fetch(url: str, *, method="GET", data=None, files=None, headers: dict | None = None, cookies=None):
    """(status, headers, body) of one request, redirects not followed; ``cookies`` (a dict) kept up to date.

    Every request comes as through the TLS terminator (``FORWARDED``); a ``Referer`` is that of
    an https page of the same server, as a browser's would be.
    """
    headers = {**FORWARDED, **(headers or {})}
    if "Referer" in headers:
        headers["Referer"] = headers["Referer"].replace("http://", "https://", 1)
    if cookies:
        headers["Cookie"] = "; ".join(f"{key}={value}" for key, value in cookies.items())
    if files:
        fields = data.items() if isinstance(data, dict) else data or []
        body, headers["Content-Type"] = multipart(fields, files)
    else:
        body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
    request = urllib.request.Request(url, data=body, method=method, headers=headers)  # noqa: S310
    opener = urllib.request.build_opener(NoRedirect)
    try:
        response = opener.open(request, timeout=30)
    except urllib.error.HTTPError as error:
        response = error
    with response:
        raw = response.read()
        content = raw if binary(response.headers) else raw.decode(errors="replace")
        if cookies is not None:
            for cookie in response.headers.get_all("Set-Cookie") or ():
                key, _, value = cookie.split(";", 1)[0].partition("=")
                cookies[key.strip()] = value.strip()
        return response.status, response.headers, content


def binary(headers) -> bool:
    return (headers.get("Content-Type") or "").startswith("image/")


class FormFields(HTMLParser):
    """The values a browser would send from the page's form ``form_id`` (or its only form)."""

    def __init__(self, form_id: str | None = None):
        super().__init__()
        self.form_id, self.inside, self.fields = form_id, False, []
        self.select = self.textarea = None
        self.options = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = self.form_id is None or attrs.get("id") == self.form_id
        elif not self.inside or ("name" not in attrs and tag != "option"):
            return
        elif tag == "input":
            kind = attrs.get("type", "text")
            if kind in {"checkbox", "radio"} and "checked" not in attrs:
                return
            if kind not in {"submit", "button", "file", "image", "reset"}:
                self.fields.append((attrs["name"], attrs.get("value", "on" if kind == "checkbox" else "")))
        elif tag == "textarea":
            self.textarea = [attrs["name"], ""]
        elif tag == "select":
            self.select, self.options = (attrs["name"], "multiple" in attrs), []
        if tag == "option" and self.select is not None:
            self.options.append((attrs.get("value", ""), "selected" in attrs))

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "textarea" and self.textarea is not None:
            self.fields.append(tuple(self.textarea))
            self.textarea = None
        elif tag == "select" and self.select is not None:
            name, multiple = self.select
            chosen = [value for value, selected in self.options if selected]
            if not chosen and not multiple and self.options:
                chosen = [self.options[0][0]]
            self.fields.extend((name, value) for value in chosen)
            self.select = None


def form_fields(html: str, form_id: str | None = None, **changes) -> list[tuple[str, str]]:
    parser = FormFields(form_id)
    parser.feed(html)
    return [(name, value) for name, value in parser.fields if name not in changes] + list(changes.items())


def wrk(url: str, *, seconds: float, connections: int = 8, script: Path | None = None, during=None) -> dict:
    """wrk's figures for ``url``: requests, requests per second, and those lost (errors, non-2xx/3xx)."""
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s", url]
    command += [argument for key, value in FORWARDED.items() for argument in ("-H", f"{key}: {value}")]
    if script:
        command[1:1] = ["-s", str(script)]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if during:
        during()
    output = process.communicate(timeout=seconds + 30)[0]
    requests = int(re.search(r"(\d+) requests in", output).group(1))
    errors = sum(int(count) for count in re.findall(r"(?:connect|read|write|timeout) (\d+)", output))
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return {
        "requests": requests,
        "per_second": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "lost": errors + (int(non_2xx.group(1)) if non_2xx else 0),
        "output": output,
    }


UNCACHED_SCRIPT = """
counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", "/bg/?topology=" .. math.random(1, 1000000000) .. "-" .. counter)
end
-- Which answers were lost, for the failure's message.
response = function(status, headers, body)
  if status >= 400 then
    io.write("answered " .. status .. " by " .. tostring(headers["X-Served-By"] or headers["Via"] or "?") .. "\n")
  end
end
"""


# --- The topology ---------------------------------------------------------------------------


class Topology:
    def __init__(self, folder: Path, database: str, static_root: Path):
        self.folder = folder
        self.database = database
        self.static_root = static_root
        self.redis = RedisServer(folder / "redis")
        self.smtp = SmtpSink(folder / "smtp")
        self.s3 = S3Server(folder / "s3")
        self.ports = {"a": free_port(), "b": free_port(), "varnish": free_port(), "varnish_admin": free_port()}
        self.varnish_url = f"http://{HOST}:{self.ports['varnish']}"
        self.processes: dict[str, Process] = {}

    def url(self, server: str, path: str) -> str:
        return (self.varnish_url if server == "varnish" else f"http://{HOST}:{self.ports[server]}") + path

    def environ(self) -> dict[str, str]:
        keep = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "S3_", "PYTEST"))}
        example = environment_example()
        assert example.keys() >= self.s3.environ.keys(), "deploy/most.env.example names every S3_* variable"
        return {
            **keep,
            **example,
            **self.smtp.environ,
            **self.s3.environ,
            "DJANGO_ALLOWED_HOSTS": f"{HOST},localhost",
            "DJANGO_CSRF_TRUSTED_ORIGINS": "",
            "PORTAL_SITE_URL": self.varnish_url,
            "DATABASE_URL": database_url(self.database),
            "DJANGO_CONN_MAX_AGE": "60",
            "REDIS_URL": self.redis.url,
            "CACHE_URL": self.redis.url,
            "HTTP_CACHE_BAN_URLS": self.varnish_url + "/",
            "PAGE_CACHE_SECONDS": "300",
            "MOST_VAR_DIR": str(self.folder / "var"),
            "DJANGO_STATIC_ROOT": str(self.static_root),
            "GUNICORN_WORKERS": "2",
            "GUNICORN_THREADS": "4",
            "DJANGO_LOG_LEVEL": "WARNING",
        }

    def app_server(self, name: str) -> Process:
        port = str(self.ports[name])
        command = exec_start(DEPLOY / "most-web@.service", **{"%i": port})
        return Process(f"app-{name}", command, self.environ(), self.folder)

    def start_app_servers(self, *names: str) -> None:
        """Start them together (each takes seconds to import Django), then wait for each to be healthy."""
        for name in names:
            self.processes[name] = self.app_server(name).start()
        for name in names:
            process, health = self.processes[name], self.url(name, "/healthz")
            wait_for(
                lambda health=health: self.healthy(health),
                seconds=60,
                what=f"app {name}",
                process=process.popen,
                log=process.log,
            )

    def start_worker(self) -> Process:
        command = exec_start(DEPLOY / "most-worker.service")
        process = self.processes["worker"] = Process("worker", command, self.environ(), self.folder).start()
        return process

    def start_varnish(self) -> None:
        etc = self.folder / "varnish-etc"
        etc.mkdir()
        shutil.copy(DEPLOY / "varnish" / "most.vcl", etc / "most.vcl")
        backends = string.Template((DEPLOY / "varnish" / "most-backends.vcl").read_text())
        (etc / "most-backends.vcl").write_text(
            backends.substitute(
                APP_A_HOST=HOST, APP_A_PORT=self.ports["a"], APP_B_HOST=HOST, APP_B_PORT=self.ports["b"], SITE_HOST=HOST
            )
        )
        command = exec_start(
            DEPLOY / "varnish" / "varnish.service.d" / "most.conf",
            **{
                "/usr/sbin/varnishd": shutil.which("varnishd") or "/usr/sbin/varnishd",
                # The jail needs the vcache user to read this folder; a test needs no jail.
                "-j unix,user=vcache": "-j none",
                ":6081": f"{HOST}:{self.ports['varnish']}",
                "/etc/varnish": str(etc),
                "malloc,512m": "malloc,64m",
            },
        )
        command += ["-n", str(self.folder / "varnish"), "-T", f"{HOST}:{self.ports['varnish_admin']}"]
        process = self.processes["varnish"] = Process("varnish", command, self.environ(), self.folder).start()
        health = self.url("varnish", "/healthz")
        wait_for(lambda: self.healthy(health), seconds=30, what="varnish", process=process.popen, log=process.log)

    def varnishadm(self, *arguments: str) -> str:
        adm = shutil.which("varnishadm") or "/usr/bin/varnishadm"
        return subprocess.run(
            [adm, "-n", str(self.folder / "varnish"), *arguments], check=True, capture_output=True, text=True
        ).stdout

    @staticmethod
    def healthy(url: str) -> bool:
        try:
            return fetch(url)[0] == 200
        except OSError:
            return False

    def manage(self, *arguments: str) -> str:
        command = [sys.executable, "manage.py", *arguments]
        finished = subprocess.run(command, cwd=BASE_DIR, env=self.environ(), capture_output=True, text=True)
        assert finished.returncode == 0, finished.stderr[-3000:]
        return finished.stdout

    def sql(self, query: str, parameters=()) -> list:
        with database_connection(self.database) as connection:
            return connection.execute(query, parameters).fetchall()

    def stop(self) -> None:
        for process in reversed(self.processes.values()):
            process.kill()
        self.smtp.stop()
        self.redis.kill()
        self.s3.stop()


SETUP = """
import io
from django.core.management import call_command
# Production settings as deployed: Django's deployment checks pass.
call_command("check", deploy=True, fail_level="WARNING", stdout=io.StringIO())
from django.contrib.auth import get_user_model
from django_otp.plugins.otp_totp.models import TOTPDevice
from core.models import PublicationStatus
from tests.civic.factories import PageFactory
from tests.media_library.factories import AlbumFactory
user = get_user_model().objects.create_superuser("topology", "{email}", "{password}")
TOTPDevice.objects.create(user=user, name="authenticator app", key="{totp_key}", confirmed=True)
page = PageFactory(title_bg="Първо заглавие")
album = AlbumFactory(status=PublicationStatus.PUBLISHED)
print(page.pk, page.get_absolute_url(), album.pk, album.get_absolute_url())
"""


def static_files_key() -> str:
    """What the collected static files depend on: every source file's name, size and time, and the storage."""
    from django.contrib.staticfiles import finders

    digest = hashlib.blake2b(digest_size=12)
    for finder in finders.get_finders():
        for path, storage in finder.list([]):
            stat = os.stat(storage.path(path))
            digest.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


@pytest.fixture(scope="session")
def collected_static() -> Path:
    """``collectstatic`` in production mode, run once and kept until a static file changes."""
    root = STATIC_CACHE / static_files_key()
    if (root / "staticfiles.json").exists():
        return root
    shutil.rmtree(STATIC_CACHE, ignore_errors=True)
    STATIC_CACHE.mkdir(parents=True)
    building = STATIC_CACHE / "building"
    environ = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "PYTEST"))}
    environ |= {
        "DJANGO_SECRET_KEY": environment_example()["DJANGO_SECRET_KEY"],
        "DJANGO_ALLOWED_HOSTS": HOST,
        "DJANGO_STATIC_ROOT": str(building),
    }
    command = [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"]
    finished = subprocess.run(command, cwd=BASE_DIR, env=environ, capture_output=True, text=True)
    assert finished.returncode == 0, finished.stderr[-3000:]
    building.rename(root)
    return root


@pytest.fixture(scope="module")
def topology(django_db_setup, django_db_blocker, tmp_path_factory, collected_static):
    folder = tmp_path_factory.mktemp("topology")
    test_database = settings.DATABASES["default"]["NAME"]
    database = f"{test_database}_topology"[:63]
    with django_db_blocker.unblock():
        # A copy of the migrated test database, on the same server: the processes write to it freely.
        connections.close_all()
        with database_connection("postgres") as server:
            server.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
            try:
                server.execute(f'CREATE DATABASE "{database}" TEMPLATE "{test_database}"')
            except psycopg.errors.ObjectInUse:
                # A template must have no other session: end those an earlier module of this
                # run left on the test database (it is this run's own).
                server.execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s", [test_database]
                )
                server.execute(f'CREATE DATABASE "{database}" TEMPLATE "{test_database}"')
    topology = Topology(folder, database, collected_static)
    try:
        topology.redis.start()
        topology.smtp.start()
        # SeaweedFS takes seconds to be ready: meanwhile, the rows the tests start from.
        s3_started = ThreadPoolExecutor(1).submit(topology.s3.start)
        setup = SETUP.format(email=ADMIN_EMAIL, password=PASSWORD, totp_key=TOTP_KEY.hex())
        page_pk, page_path, album_pk, album_path = topology.manage("shell", "-v0", "-c", setup).split()
        topology.page = (int(page_pk), page_path)
        topology.album = (int(album_pk), album_path)
        s3_started.result()
        topology.start_worker()
        topology.start_app_servers("a", "b")
        topology.start_varnish()
        yield topology
    finally:
        topology.stop()
        with django_db_blocker.unblock(), database_connection("postgres") as server:
            server.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')


def log_in(topology, server: str) -> dict:
    """The cookies of the staff account's session, its password and authenticator code given on ``server``.

    Sessions are in PostgreSQL, so they hold on every app server. Logged in once: a code is
    accepted once per 30 seconds.
    """
    if getattr(topology, "staff_cookies", None):
        return topology.staff_cookies
    cookies = {}
    url = topology.url(server, "/admin/login/")
    status, _, html = fetch(url, cookies=cookies)
    fields = form_fields(html, "login-form", username="topology", password=PASSWORD)
    status, headers, _ = fetch(url, method="POST", data=fields, cookies=cookies, headers={"Referer": url})
    assert status == 302 and "/second-factor/" in headers["Location"], f"log-in refused ({status})"
    step = topology.url(server, headers["Location"])
    status, _, html = fetch(step, cookies=cookies)
    token = pyotp.TOTP(base64.b32encode(TOTP_KEY).decode()).now()
    fields = list(dict(form_fields(html, None, token=token)).items())  # the cancel form repeats the CSRF token
    status, _, answer = fetch(step, method="POST", data=fields, cookies=cookies, headers={"Referer": step})
    assert status == 302, f"second factor refused ({status}): {answer[-2000:]}"
    topology.staff_cookies = cookies
    return cookies


# --- What the topology does ---------------------------------------------------------------


def photo_with_gps() -> bytes:
    """A 2,400 × 1,600 JPEG whose EXIF says where it was taken: what must never be served."""
    image = Image.new("RGB", (2400, 1600), (70, 130, 180))
    exif = Image.Exif()
    exif[0x8825] = {1: "N", 2: (42.0, 38.0, 0.0), 3: "E", 4: (24.0, 21.0, 0.0)}  # GPSInfo
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=90, exif=exif)
    return buffer.getvalue()


def test_a_photo_uploaded_through_one_app_server_is_served_by_the_other_and_through_the_cache(topology, figures):
    """Through A's admin, as an editor uploads; its renditions made by the worker into the bucket;
    B and Varnish serve them; the original (with its GPS) is readable by nobody."""
    album_pk, album_path = topology.album
    cookies = log_in(topology, "a")
    upload = topology.url("a", f"/admin/media_library/album/{album_pk}/upload/")
    status, _, form = fetch(upload, cookies=cookies)
    assert status == 200
    alt_text = {f"alt_text_{code}": "Мостът над реката" for code in ("bg", "sr", "en")}
    fields = form_fields(form, "bulk-upload-form", **alt_text, licence="cc-by-4.0")
    original = photo_with_gps()
    started = time.monotonic()
    status, _, answer = fetch(
        upload,
        method="POST",
        data=fields,
        files={"files": ("bridge.jpg", original, "image/jpeg")},
        cookies=cookies,
        headers={"Referer": upload},
    )
    answered = time.monotonic() - started
    assert status == 200 and "errorlist" not in answer, answer[-3000:]
    [(photo_pk, original_name)] = topology.sql(
        "SELECT id, original FROM media_library_photo WHERE album_id = %s", [album_pk]
    )

    def renditions():
        return topology.sql("SELECT renditions FROM media_library_photo WHERE id = %s", [photo_pk])[0][0]

    # The worker makes them (TASKS_BACKEND=database), not the request that uploaded the photo.
    wait_for(renditions, seconds=30, what="the worker making the renditions")
    made = time.monotonic() - started
    [(task_status,)] = topology.sql(
        "SELECT status FROM django_tasks_database_dbtaskresult WHERE task_path = %s",
        ["media_library.tasks.make_renditions"],
    )
    assert task_status == "SUCCESSFUL"
    widest = renditions()[0]
    assert widest["width"] == 1600
    rendition = "/media/" + widest["webp"]
    keys = topology.s3.keys()
    assert f"media/{widest['webp']}" in keys and f"originals/{original_name}" in keys

    # B serves what A stored: the album page shows the photo, the rendition is the bucket's bytes.
    status, _, page = fetch(topology.url("b", album_path))
    assert status == 200 and widest["webp"] in page
    stored = topology.s3.client().get_object(Bucket=topology.s3.bucket, Key=f"media/{widest['webp']}")["Body"].read()
    status, headers, body = fetch(topology.url("b", rendition))
    assert status == 200 and body == stored and headers["Content-Type"] == "image/webp"
    assert headers["Cache-Control"] == "public, max-age=31536000, immutable"
    # Through the cache: fetched from an app server once, then kept.
    first = fetch(topology.url("varnish", rendition))
    timings = []
    for _ in range(20):
        before = time.monotonic()
        status, headers, body = fetch(topology.url("varnish", rendition))
        timings.append(time.monotonic() - before)
    assert first[0] == status == 200 and body == stored
    assert headers["X-Cache"] == "hit"

    # The original is private: not in the bucket to an anonymous reader, not under /media/.
    assert (
        topology.s3.client().get_object(Bucket=topology.s3.bucket, Key=f"originals/{original_name}")["Body"].read()
        == original
    )
    assert topology.s3.anonymous_status(f"originals/{original_name}") == 403
    assert topology.s3.anonymous_status(f"media/{widest['webp']}") == 403  # the bucket itself is private
    for server in ("b", "varnish"):
        assert fetch(topology.url(server, f"/media/../originals/{original_name}"))[0] == 404
        assert fetch(topology.url(server, f"/media/{original_name}"))[0] == 404
    # What is served carries no metadata; what is kept does (the camera's GPS position).
    assert 0x8825 in Image.open(io.BytesIO(original)).getexif()
    assert not Image.open(io.BytesIO(fetch(topology.url("b", "/media/" + widest["fallback"]))[2])).getexif()
    timings.sort()
    figures(
        f"Photo uploaded through A: answered in {answered:.2f} s, renditions made by the worker "
        f"{made:.2f} s after the upload began; served by B and through Varnish (a hit in "
        f"{timings[len(timings) // 2] * 1000:.1f} ms, median of 20); the original refused to anonymous readers"
    )


def test_an_edit_through_one_app_server_shows_through_the_cache_from_the_other_within_two_seconds(topology, figures):
    page_pk, page_path = topology.page
    status, headers, html = fetch(topology.url("varnish", page_path))
    assert status == 200 and "Първо заглавие" in html
    status, headers, html = fetch(topology.url("varnish", page_path))
    assert headers["X-Cache"] == "hit", "the page is served by the cache, not the app servers"

    cookies = log_in(topology, "a")
    change = topology.url("a", f"/admin/civic/page/{page_pk}/change/")
    status, _, form = fetch(change, cookies=cookies)
    assert status == 200
    fields = form_fields(form, "page_form", title_bg="Ново заглавие", _save="Save")
    status, _, answer = fetch(change, method="POST", data=fields, cookies=cookies, headers={"Referer": change})
    assert status == 302, answer[-3000:]
    saved = time.monotonic()

    # Every read now goes to app server B.
    topology.varnishadm("backend.set_health", "app_a", "sick")
    try:
        while "Ново заглавие" not in fetch(topology.url("varnish", page_path))[2]:
            assert time.monotonic() - saved < 2
            time.sleep(0.05)
        shown = time.monotonic() - saved
    finally:
        topology.varnishadm("backend.set_health", "app_a", "auto")
    figures(f"Edit through A shown through the cache from B after {shown:.2f} s")


def test_a_task_whose_worker_is_killed_mid_run_is_run_again_and_its_email_sent_once(topology, figures):
    """The worker dies while the mail server holds its message; a new worker takes the task over."""
    topology.smtp.hold()
    cookies = {}
    reset = topology.url("a", "/admin/password-reset/")
    _, _, form = fetch(reset, cookies=cookies)
    status, _, _ = fetch(
        reset,
        method="POST",
        data=form_fields(form, None, email=ADMIN_EMAIL),
        cookies=cookies,
        headers={"Referer": reset},
    )
    assert status == 302
    wait_for(topology.smtp.receiving, seconds=20, what="the worker sending the message")
    topology.processes["worker"].kill()
    topology.smtp.release()
    assert topology.sql("SELECT count(*) FROM notifications_outgoingemail") == [(1,)], "the message is still kept"

    killed = time.monotonic()
    topology.start_worker()
    wait_for(lambda: topology.smtp.messages(), seconds=20, what="the message sent again")
    resent = time.monotonic() - killed
    time.sleep(1.5)  # time for a second sending, were there one
    messages = topology.smtp.messages()
    assert len(messages) == 1
    assert messages[0]["To"] == ADMIN_EMAIL
    assert topology.sql("SELECT count(*) FROM notifications_outgoingemail") == [(0,)]
    [(status, workers)] = topology.sql(
        "SELECT status, worker_ids FROM django_tasks_database_dbtaskresult WHERE task_path = %s",
        ["notifications.tasks.deliver_email"],
    )
    assert status == "SUCCESSFUL" and len(workers) == 2
    figures(f"Task taken over and its e-mail sent once, {resent:.1f} s after its worker was killed")


def test_pages_are_served_without_an_error_while_redis_restarts(topology):
    statuses = []

    def read(count):
        for number in range(count):
            for server in ("a", "b", "varnish"):
                statuses.append(fetch(topology.url(server, f"/bg/?redis={number}-{time.monotonic_ns()}"))[0])

    read(3)
    topology.redis.kill()
    read(5)
    topology.redis.start()
    read(5)
    assert set(statuses) == {200}, statuses


def test_killing_an_app_server_under_load_loses_no_request_once_the_health_check_trips(topology, figures):
    """Varnish retries a failed fetch on the other server at once; a response A was half-way through
    sending when it died cannot be retried, so the failover window may lose those (reported);
    once the probes took A out, nothing is lost."""
    script = topology.folder / "uncached.lua"
    script.write_text(UNCACHED_SCRIPT)
    cached = wrk(topology.url("varnish", topology.page[1]), seconds=3)
    uncached = wrk(topology.url("varnish", "/"), seconds=3, script=script)

    def kill_a():
        time.sleep(1)
        topology.processes["a"].kill()

    window = wrk(topology.url("varnish", "/"), seconds=3, script=script, during=kill_a)
    wait_for(
        lambda: re.search(r"app_a\s.*\bsick\b", topology.varnishadm("backend.list")), seconds=5, what="A taken out"
    )
    after = wrk(topology.url("varnish", "/"), seconds=3, script=script)
    figures(
        f"Through Varnish, on 2 cores shared with everything else: cached page {cached['per_second']:.0f} req/s, "
        f"uncached {uncached['per_second']:.0f} req/s. App server A killed under load: {window['requests']} "
        f"requests in the failover window, {window['lost']} lost; after the health check tripped "
        f"{after['requests']} requests, {after['lost']} lost"
    )
    assert cached["lost"] == uncached["lost"] == 0
    assert after["lost"] == 0, after["output"]

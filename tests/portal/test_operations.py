"""Settings, health and demo content: how the portal starts and is watched."""

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection

from core.models import Direction, InformationCentre, Municipality

BASE_DIR = Path(__file__).resolve().parents[2]


def run_check(**env):
    """Run `manage.py check` in a fresh process with the given environment."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_without_a_secret_key_refuse_to_start():
    result = run_check(DJANGO_DEBUG="false", DJANGO_ALLOWED_HOSTS="most.example.org")
    assert result.returncode != 0
    assert "needs DJANGO_SECRET_KEY" in result.stderr


def test_production_settings_without_allowed_hosts_refuse_to_start():
    result = run_check(DJANGO_DEBUG="false", DJANGO_SECRET_KEY="x" * 60)
    assert result.returncode != 0
    assert "needs DJANGO_ALLOWED_HOSTS" in result.stderr


def test_production_settings_with_secrets_start():
    result = run_check(DJANGO_DEBUG="false", DJANGO_SECRET_KEY="k" * 60, DJANGO_ALLOWED_HOSTS="most.example.org")
    assert result.returncode == 0, result.stderr


def test_debug_is_off_unless_asked_for():
    """With no DJANGO_DEBUG at all the portal is in production mode (and so needs its secrets)."""
    result = run_check()
    assert result.returncode != 0
    assert "DJANGO_DEBUG off" in result.stderr


@pytest.mark.django_db
def test_health_endpoint_reports_a_live_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


@pytest.fixture
def dead_database(django_db_blocker):
    """Point the default connection at a TCP port where no server listens."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    saved = dict(connection.settings_dict)
    connection.close()
    connection.settings_dict.update({"HOST": "127.0.0.1", "PORT": str(closed_port), "OPTIONS": {"connect_timeout": 2}})
    with django_db_blocker.unblock():
        yield
    connection.close()
    connection.settings_dict.clear()
    connection.settings_dict.update(saved)


def test_health_endpoint_reports_a_dead_database_as_unhealthy(client, dead_database):
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["status"] == "unhealthy"
    # A load balancer or client that reads it knows when to ask again, as with every other 503.
    assert int(response["Retry-After"]) > 0


@pytest.mark.django_db
def test_demo_content_is_idempotent(settings, tmp_path, monkeypatch):
    call_command("load_demo_content", stdout=open(os.devnull, "w"))  # noqa: SIM115
    call_command("load_demo_content", stdout=open(os.devnull, "w"))  # noqa: SIM115
    assert Municipality.objects.count() == 2
    assert InformationCentre.objects.count() == 2
    assert Direction.objects.count() == 4
    medijana = Municipality.objects.get(slug="medijana")
    assert medijana.country == "RS"
    assert medijana.time_zone == "Europe/Belgrade"
    assert medijana.currency == "RSD"
    assert medijana.name_sr == "Градска општина Медијана"


@pytest.mark.django_db
def test_demo_content_if_empty_leaves_edits_alone():
    call_command("load_demo_content", stdout=open(os.devnull, "w"))  # noqa: SIM115
    Municipality.objects.filter(slug="koprivshtitsa").update(population=1898, population_year=2022)
    call_command("load_demo_content", "--if-empty", stdout=open(os.devnull, "w"))  # noqa: SIM115
    assert Municipality.objects.get(slug="koprivshtitsa").population == 1898


@pytest.mark.parametrize(("url", "text"), [("/en/", "briefly unavailable"), ("/sr-latn/", "privremeno nedostupan")])
def test_a_page_that_finds_the_database_gone_says_to_try_again(client, dead_database, url, text):
    client.raise_request_exception = False
    response = client.get(url)
    assert response.status_code == 503
    assert response["Retry-After"] == "10"
    assert text in response.content.decode()

"""``deploy/most.cron``: every scheduled job is a real command, listed in docs/SCALING.md's table."""

import re
from pathlib import Path

from django.conf import settings
from django.core.management import get_commands

BASE_DIR = Path(settings.BASE_DIR)


def scheduled_commands() -> list[str]:
    lines = (BASE_DIR / "deploy" / "most.cron").read_text().splitlines()
    return [re.search(r"manage\.py (\S+)", line).group(1) for line in lines if "manage.py" in line]


def test_every_scheduled_job_is_a_management_command_and_documented():
    commands = scheduled_commands()
    assert len(commands) == len(set(commands)), "one line per job"
    scaling = (BASE_DIR / "docs" / "SCALING.md").read_text()
    for command in commands:
        assert command in get_commands(), command
        assert f"`manage.py {command}" in scaling, f"{command} missing from docs/SCALING.md, 'Scheduled jobs'"


def test_the_jobs_that_keep_data_true_and_short_lived_are_scheduled():
    """The directory's upkeep and the audit log's retention run from cron, as docs/OPERATIONS.md says."""
    assert {"directory_upkeep", "prune_audit_log", "purge_expired_registrations"} <= set(scheduled_commands())

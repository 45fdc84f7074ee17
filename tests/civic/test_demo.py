import pytest

from civic.models import Event, Project

pytestmark = pytest.mark.django_db


def test_demo_content_loads_twice_and_holds_the_platforms_own_project(demo_content):
    from django.core.management import call_command

    call_command("load_demo_content", stdout=open("/dev/null", "w"))  # noqa: SIM115
    project = Project.objects.get(slug="electronic-platform-for-cross-border-cooperation")
    assert str(project.total_budget) == "145022.00"
    assert str(project.eu_cofinancing_rate) == "85.10"
    assert project.starts_on.isoformat() == "2011-12-15"
    assert project.ends_on.isoformat() == "2012-12-15"
    fair_2030 = Event.objects.get(slug="national-folklore-festival-2030")
    assert fair_2030.schedule == Event.Schedule.EXPECTED
    assert fair_2030.timing == Event.Timing.MONTH

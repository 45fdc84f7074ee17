"""The civic admin in the staff workspace: shared entries (of both municipalities, or of none)."""

import pytest
from django.test import Client
from reversion.models import Version

from civic.models import NewsArticle, Project
from staff.history import recorded_changes
from tests.civic.factories import DocumentFactory, NewsArticleFactory, ProjectFactory
from tests.portal.admin_forms import change_form_data

pytestmark = pytest.mark.django_db

REFUSED = (302, 403, 404)


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def listed(client, url) -> set:
    return {row.pk for row in client.get(url).context["cl"].result_list}


def test_a_project_of_one_municipality_is_its_staffs_and_a_joint_project_is_for_administrators(staff):
    own = ProjectFactory(municipalities=[staff.home])
    joint = ProjectFactory(municipalities=[staff.home, staff.other])
    unplaced = ProjectFactory()
    theirs = ProjectFactory(municipalities=[staff.other])

    editor = logged_in(staff.editor)
    assert listed(editor, "/admin/civic/project/") == {own.pk}
    for project in (joint, unplaced, theirs):
        assert editor.get(f"/admin/civic/project/{project.pk}/change/").status_code in REFUSED
    assert listed(logged_in(staff.administrator), "/admin/civic/project/") == {own.pk, joint.pk, unplaced.pk, theirs.pk}


def test_an_editor_can_neither_share_nor_hand_over_a_project_by_a_forged_post(staff):
    project = ProjectFactory(municipalities=[staff.home])
    client = logged_in(staff.editor)
    url = f"/admin/civic/project/{project.pk}/change/"
    form = client.get(url)
    assert list(form.context["adminform"].form.fields["municipalities"].queryset) == [staff.home]
    for municipalities in ([str(staff.home.pk), str(staff.other.pk)], [str(staff.other.pk)], []):
        response = client.post(url, change_form_data(form, municipalities=municipalities, title_en="Forged"))
        assert response.status_code == 200
        assert "municipalities" in response.context["adminform"].form.errors
    assert list(project.municipalities.all()) == [staff.home]
    assert Project.objects.get(pk=project.pk).title_en != "Forged"


def test_an_editor_files_an_entry_under_their_municipality_and_an_administrator_may_share_it(staff):
    """An entry without municipality is shared: staff cannot make one, a portal administrator can."""
    fields = {"slug": "road-works", "status": "draft"}
    for language, title, lead in (
        ("bg", "Ремонт на пътя", "Пътят е затворен."),
        ("sr", "Радови на путу", "Пут је затворен."),
        ("en", "Road works", "The road is closed."),
    ):
        fields |= {f"title_{language}": title, f"lead_{language}": lead}
    client = logged_in(staff.editor)
    form = client.get("/admin/civic/newsarticle/add/")
    assert form.context["adminform"].form["municipality"].value() == staff.home.pk
    response = client.post("/admin/civic/newsarticle/add/", change_form_data(form, **fields, municipality=""))
    assert response.status_code == 200
    assert "municipality" in response.context["adminform"].form.errors
    response = client.post("/admin/civic/newsarticle/add/", change_form_data(form, **fields))
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert NewsArticle.objects.get(slug="road-works").municipality == staff.home

    client = logged_in(staff.administrator)
    form = client.get("/admin/civic/newsarticle/add/")
    fields["slug"] = "joint-road-works"
    assert client.post("/admin/civic/newsarticle/add/", change_form_data(form, **fields)).status_code == 302
    shared = NewsArticle.objects.get(slug="joint-road-works")
    assert shared.municipality is None
    assert logged_in(staff.editor).get(f"/admin/civic/newsarticle/{shared.pk}/change/").status_code in REFUSED


def test_a_document_of_one_municipality_may_name_a_project_it_shares(staff):
    own = ProjectFactory(municipalities=[staff.home], title_en="Own")
    joint = ProjectFactory(municipalities=[staff.home, staff.other], title_en="Joint")
    ProjectFactory(municipalities=[staff.other], title_en="Theirs")
    document = DocumentFactory(municipality=staff.home, project=joint)
    client = logged_in(staff.editor)

    url = f"/admin/civic/document/{document.pk}/change/"
    form = client.get(url)
    assert set(form.context["adminform"].form.fields["project"].queryset) == {own, joint}
    assert client.post(url, change_form_data(form, title_en="Renamed")).status_code == 302
    document.refresh_from_db()
    assert (document.title_en, document.project) == ("Renamed", joint)

    params = {"app_label": "civic", "model_name": "document", "field_name": "project", "term": ""}
    results = client.get("/admin/autocomplete/", params).json()["results"]
    assert {row["id"] for row in results} == {str(own.pk), str(joint.pk)}


def test_a_project_cannot_be_reverted_by_staff_to_a_version_shared_with_the_other_municipality(staff):
    project = ProjectFactory(municipalities=[staff.home, staff.other])
    with recorded_changes(user=staff.superuser, comment="Joint"):
        project.save()
    project.municipalities.set([staff.home])
    with recorded_changes(user=staff.superuser, comment="Ours alone"):
        project.save()
    joint_version, own_version = Version.objects.get_for_object(project).order_by("pk")
    client = logged_in(staff.editor)
    url = f"/admin/civic/project/{project.pk}/history/{{}}/"
    assert client.get(url.format(own_version.pk)).status_code == 200
    assert client.get(url.format(joint_version.pk)).status_code == 403
    assert client.post(url.format(joint_version.pk), {}).status_code == 403
    assert list(project.municipalities.all()) == [staff.home]


def test_staff_see_news_of_their_municipality_only_on_the_dashboard(staff):
    NewsArticleFactory(municipality=staff.home, status="draft")
    NewsArticleFactory(municipality=None, status="draft")
    NewsArticleFactory(municipality=staff.other, status="draft")
    response = logged_in(staff.editor).get("/admin/")
    drafts = {section["key"]: section for section in response.context["dashboard_sections"]}["drafts"]["items"]
    assert [(item.url, item.count) for item in drafts] == [("/admin/civic/newsarticle/?status__exact=draft", 1)]

import datetime
import json

import pytest
from django.core.cache import cache
from django.urls import reverse

from tests.factories import ParticipationFactory, StructureFactory, TrainingSessionFactory
from tests.reporting.conftest import paris

pytestmark = pytest.mark.django_db
URL = reverse("reporting:dashboard")


@pytest.fixture
def trained(partners, people):
    """Two helpers trained by WTC in S1 and one by D09 in S2."""
    for person, partner, start in zip(
        people(3),
        ["WTC", "WTC", "D09"],
        [paris(2020, 9, 1, 9), paris(2020, 9, 1, 9), paris(2021, 3, 1, 9)],
        strict=True,
    ):
        session = TrainingSessionFactory(partner=partners[partner], starts_at=start)
        ParticipationFactory(session=session, person=person, attendance="present")


def test_the_coordinator_sees_programme_figures_against_targets(client, coordinator, trained):
    client.force_login(coordinator)

    response = client.get(URL, {"semester": "S2", "by": "partner"})

    assert response.status_code == 200
    blocks = {b["indicator"]: b for b in response.context["blocks"]}
    helpers = blocks["helpers_trained"]
    assert [(r.semester.code, r.value, r.cumulative) for r in helpers["rows"]] == [
        ("S1", 2, 2),
        ("S2", 1, 3),
        ("S3", 0, 3),
        ("S4", 0, 3),
    ]
    assert helpers["last"].target == 1000
    groups = {g["key"]: g for g in response.context["groups"]}
    assert set(groups) == {"WTC", "EMC", "D09", "EPN"}
    d09 = {r.indicator: r for r in groups["D09"]["rows"]}
    assert (d09["helpers_trained"].value, d09["helpers_trained"].target) == (1, 250)
    split = {c["indicator"]: c["chart"] for c in response.context["dimension_charts"]}
    bars = [(b["label"], b["value"]) for b in split["helpers_trained"]["bars"]]
    assert bars == [("D09", 1), ("EMC", 0), ("EPN", 0), ("WTC", 2)]
    html = response.content.decode()
    assert "<svg" in html and "<progress" in html
    assert reverse("reporting:download", args=["crosslearn", "pdf"]) in html


def test_an_operator_sees_only_its_own_partner(client, operator_a, trained):
    client.force_login(operator_a)

    response = client.get(URL, {"by": "partner"})

    assert response.status_code == 200
    blocks = {b["indicator"]: b for b in response.context["blocks"]}
    assert blocks["helpers_trained"]["last"].cumulative == 2  # WTC only, not D09's helper
    assert blocks["helpers_trained"]["last"].target == 250
    assert [g["key"] for g in response.context["groups"]] == ["WTC"]
    assert "platform_sessions" not in blocks
    assert (
        reverse("reporting:download", args=["crosslearn", "csv"]) not in response.content.decode()
    )


@pytest.mark.parametrize("dimension", ["country", "region", "zone"])
def test_the_dashboard_splits_by_each_dimension(client, coordinator, trained, dimension):
    client.force_login(coordinator)
    response = client.get(URL, {"by": dimension, "semester": "S1"})
    assert response.status_code == 200
    assert response.context["dimension"] == dimension


def test_unknown_filter_values_fall_back_to_defaults(client, coordinator):
    client.force_login(coordinator)
    response = client.get(URL, {"by": "nonsense", "semester": "S9", "programme": "nope"})
    assert response.status_code == 200
    assert response.context["dimension"] == "partner"
    assert response.context["semester"] is None


@pytest.mark.parametrize("persona", ["learner", "helper"])
def test_people_without_report_rights_are_refused(client, request, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(URL).status_code == 403


def test_the_dashboard_query_count_stays_constant_as_data_grows(
    client, coordinator, partners, people, django_assert_num_queries, django_assert_max_num_queries
):
    client.force_login(coordinator)
    client.get(URL)  # warm up the session and permission caches

    def grow(count):
        session = TrainingSessionFactory(partner=partners["EPN"], starts_at=paris(2021, 9, 1, 9))
        for person in people(count):
            ParticipationFactory(session=session, person=person, attendance="present")
        StructureFactory.create_batch(count, affiliated_on=datetime.date(2021, 9, 1))

    grow(2)
    with django_assert_max_num_queries(30) as small:
        client.get(URL, {"by": "region"})
    grow(25)
    cache.delete_many(list(_figure_keys()))  # measure the computation, not the shared copy
    with django_assert_num_queries(len(small.captured_queries)):
        response = client.get(URL, {"by": "region"})
    blocks = {b["indicator"]: b for b in response.context["blocks"]}
    assert blocks["helpers_trained"]["rows"][2].value == 27


def _figure_keys():
    from django.utils.translation import get_language

    from reporting.models import Programme

    programme = Programme.objects.get(slug="crosslearn")
    for language in ("fr", "nl", "en", get_language()):
        yield f"reporting-figures:{programme.pk}:region:all:{language}"


def test_downloads_are_for_coordinators_only(client, operator_a, coordinator):
    url = reverse("reporting:download", args=["crosslearn", "csv"])
    client.force_login(operator_a)
    assert client.get(url).status_code == 403
    client.force_login(coordinator)
    assert client.get(url).status_code == 200
    assert client.get(reverse("reporting:download", args=["crosslearn", "doc"])).status_code == 404
    assert client.get(url, {"semester": "S9"}).status_code == 404


def test_the_csv_download_is_streamed_with_the_fixed_columns(client, coordinator, trained):
    client.force_login(coordinator)

    response = client.get(
        reverse("reporting:download", args=["crosslearn", "csv"]), {"semester": "S2"}
    )

    assert response.streaming
    assert response["Content-Disposition"] == 'attachment; filename="crosslearn-report-S2.csv"'
    lines = b"".join(response.streaming_content).decode().splitlines()
    assert lines[0] == (
        "programme,semester,start,end,partner,indicator,value,cumulative,target,percent_of_target"
    )
    assert "crosslearn,S2,2021-01-01,2021-06-30,D09,helpers_trained,1,1,250,0.4" in lines
    assert "crosslearn,S2,2021-01-01,2021-06-30,ALL,helpers_trained,1,3,1000,0.3" in lines
    assert "crosslearn,S2,2021-01-01,2021-06-30,WTC,structures_affiliated,0,0,," in lines
    assert len(lines) == 1 + 4 * 7 + 8  # platform sessions have no partner rows


def test_the_xlsx_and_pdf_downloads(client, coordinator, trained):
    client.force_login(coordinator)
    xlsx = client.get(reverse("reporting:download", args=["crosslearn", "xlsx"]))
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    assert xlsx.content[:2] == b"PK"
    pdf = client.get(reverse("reporting:download", args=["crosslearn", "pdf"]))
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")


def test_open_data_is_public_cached_and_without_personal_data(client, trained):
    response = client.get(reverse("reporting:open_data", args=["crosslearn"]))

    assert response.status_code == 200
    assert "public" in response["Cache-Control"] and "max-age=3600" in response["Cache-Control"]
    data = json.loads(response.content)
    assert data["programme"] == "crosslearn"
    assert [s["semester"] for s in data["semesters"]] == ["S1", "S2", "S3", "S4"]
    s2 = data["semesters"][1]["indicators"]["helpers_trained"]
    assert s2 == {"value": 1, "cumulative": 3, "target": 1000, "percent_of_target": 0.3}
    assert "example.org" not in response.content.decode()
    assert client.get(reverse("reporting:open_data", args=["nope"])).status_code == 404


def test_the_shared_charts_and_tables_follow_partner_semester_and_language(
    client, operator_a, operator_b, coordinator, trained
):
    """The rendered figures are cached, but never shown to the wrong partner or language."""

    def detail_heading(user, language="fr", **params):
        client.force_login(user)
        html = client.get(f"/{language}{URL[3:]}", params).content.decode()
        return html.split('id="detail-title">')[1].split("</h2>")[0], html

    heading_a, html_a = detail_heading(operator_a)
    heading_b, html_b = detail_heading(operator_b)
    assert html_a.count("<svg") and html_b.count("<svg")
    assert html_a.split('id="totals-title"')[1] != html_b.split('id="totals-title"')[1]
    assert "S1" in detail_heading(coordinator, semester="S1")[0]
    assert "S2" in detail_heading(coordinator, semester="S2")[0]
    assert "Detail for" in detail_heading(coordinator, language="en")[0]
    assert "Détail" in detail_heading(coordinator, language="fr")[0]

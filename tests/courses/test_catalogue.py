"""The catalogue: filters, country variants, progress marks and a constant number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from courses.models import Course, Progress
from partners.models import Partner
from tests.factories import StructureFactory, make_courses, make_helper

pytestmark = pytest.mark.django_db


def titles(client, **params):
    response = client.get(reverse("courses:catalogue"), params)
    assert response.status_code == 200
    return sorted(c.slug for c in response.context["courses"])


ALL = ["procedures-be", "procedures-fr", "send-an-email", "spot-exclusion"]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, ALL),
        ({"area": "2"}, ["procedures-be", "procedures-fr", "send-an-email"]),
        ({"area": "5"}, ["spot-exclusion"]),
        ({"competence": "2.3"}, ["procedures-be", "procedures-fr"]),
        ({"level": "2"}, ["procedures-be", "procedures-fr"]),
        ({"audience": "helper"}, ["spot-exclusion"]),
        ({"audience": "learner", "level": "1"}, ["send-an-email"]),
        ({"country": "FR"}, ["procedures-fr", "send-an-email", "spot-exclusion"]),
        ({"country": "BE"}, ["procedures-be", "send-an-email", "spot-exclusion"]),
        ({"duration": "15"}, ALL),
        ({"area": "9"}, ALL),  # an unknown value is ignored
        ({"area": "9", "audience": "helper"}, ["spot-exclusion"]),
    ],
)
def test_the_catalogue_filters(client, content, params, expected):
    assert titles(client, **params) == expected


def test_the_duration_filter_keeps_short_courses(client, content):
    Course.objects.filter(slug="spot-exclusion").update(duration_minutes=45)
    assert "spot-exclusion" not in titles(client, duration="30")
    assert "spot-exclusion" in titles(client)


def test_unpublished_courses_are_not_listed(client, content):
    Course.objects.filter(slug="send-an-email").update(published=False)
    assert "send-an-email" not in titles(client)


def test_a_helper_sees_the_variant_of_their_country_by_default(client, content):
    structure = StructureFactory(partner=Partner.objects.get(code="D09"))
    client.force_login(make_helper(structure=structure))
    assert titles(client) == ["procedures-be", "send-an-email", "spot-exclusion"]
    assert "procedures-fr" in titles(client, country="")


def test_the_catalogue_marks_finished_and_started_courses(client, content, learner):
    Progress.objects.create(
        user=learner, course=content["send-an-email"], completed_at="2026-01-05T10:00Z"
    )
    Progress.objects.create(user=learner, course=content["procedures-fr"], current_step=3)
    client.force_login(learner)
    page = client.get(reverse("courses:catalogue")).content.decode()
    assert page.count('class="status-done"') == 1
    assert page.count('class="status-started"') == 1


def queries(client, url):
    client.get(url)  # a session's first page of the day also records a platform session
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize("logged_in", [False, True])
def test_the_catalogue_query_count_does_not_grow_with_courses(
    client, learner, django_assert_num_queries, logged_in
):
    if logged_in:
        client.force_login(learner)
    else:  # a visitor who has started a course: rendered for them, not the shared cached copy
        client.cookies["sessionid"] = "visitor-with-progress"
    url = reverse("courses:catalogue")
    make_courses(10)
    client.get(url)  # settle the session
    with_ten = queries(client, url)
    for course in make_courses(190, start=10)[:50]:
        Progress.objects.create(user=learner, course=course, current_step=2)
    with django_assert_num_queries(with_ten):
        response = client.get(url)
    assert len(response.context["courses"]) == 200


@pytest.mark.parametrize("logged_in", [False, True])
def test_the_player_query_count_does_not_grow_with_courses(
    client, learner, django_assert_num_queries, logged_in
):
    if logged_in:
        client.force_login(learner)
    first = make_courses(10)[0]
    url = reverse("courses:step", args=[first.slug, 1])
    client.post(url, {"action": "check", "answer": "true"})
    with_ten = queries(client, url)
    for course in make_courses(190, start=10)[:100]:
        Progress.objects.create(user=learner, course=course)
    client.get(url)  # the new courses made the cached course content stale: read it again
    with django_assert_num_queries(with_ten):
        response = client.get(url)
    assert "Bonne réponse !" in response.content.decode()

"""The reads other features use: finished courses (helper path) and progress per competence."""

import pytest
from django.utils import timezone

from courses.models import Competence, Course, Progress

pytestmark = pytest.mark.django_db


def finish(user, course):
    return Progress.objects.create(
        user=user, course=course, completed_at=timezone.now(), passed=True
    )


def test_completed_by_lists_finished_courses_only(content, learner, helper):
    finish(learner, content["send-an-email"])
    Progress.objects.create(user=learner, course=content["procedures-fr"], current_step=4)
    finish(helper, content["procedures-be"])
    assert list(Course.objects.completed_by(learner)) == [content["send-an-email"]]


def test_completed_by_filters_helper_courses_by_stage(content, helper):
    finish(helper, content["send-an-email"])
    assert not Course.objects.completed_by(helper, helper_stage="awareness").exists()
    finish(helper, content["spot-exclusion"])
    assert list(Course.objects.completed_by(helper, helper_stage="awareness")) == [
        content["spot-exclusion"]
    ]
    assert not Course.objects.completed_by(helper, helper_stage="training").exists()


def test_progress_per_competence_counts_in_the_database(content, learner, helper):
    finish(learner, content["procedures-fr"])
    finish(helper, content["procedures-be"])  # someone else's progress does not count
    Progress.objects.create(user=learner, course=content["send-an-email"], current_step=2)
    rows = {c.code: c for c in Competence.objects.current().with_progress_for(learner)}
    assert (rows["2.3"].courses_total, rows["2.3"].courses_completed) == (2, 1)
    assert rows["2.3"].level_reached == 2
    assert (rows["2.1"].courses_total, rows["2.1"].courses_completed) == (1, 0)
    assert rows["2.1"].level_reached is None
    assert (rows["1.1"].courses_total, rows["1.1"].courses_completed) == (0, 0)


def test_my_learning_shows_the_progress_per_competence(client, content, learner):
    finish(learner, content["procedures-fr"])
    client.force_login(learner)
    page = client.get("/fr/learn/").content.decode()
    assert "Mon avancement par compétence" in page
    assert "1 sur 2" in page


def test_my_learning_needs_an_account(client, content):
    assert client.get("/fr/learn/").status_code == 302


def test_my_learning_query_count_does_not_grow_with_progress(
    client, learner, django_assert_num_queries
):
    from tests.courses.test_catalogue import make_courses, queries

    client.force_login(learner)
    for course in make_courses(10):
        finish(learner, course)
    with_ten = queries(client, "/fr/learn/")
    for course in make_courses(190, start=10):
        finish(learner, course)
    with django_assert_num_queries(with_ten):
        response = client.get("/fr/learn/")
    assert len(response.context["completed"]) == 200

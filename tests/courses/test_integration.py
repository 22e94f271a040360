"""Courses seen from the helper path and from the learner follow-up."""

import datetime

import pytest
from django.utils import timezone

from courses.models import Competence, Course, Progress
from helpers.services.learners import learner_course_progress
from partners.models import Sector
from tests.factories import make_courses, make_helper
from training.services.path import completed_stages

pytestmark = pytest.mark.django_db


def finish(user, course, day=datetime.datetime(2021, 3, 2, 10, tzinfo=datetime.UTC)):
    return Progress.objects.create(user=user, course=course, completed_at=day, passed=True)


def helper_course(stage, sector=None):
    course = make_courses(1, start=Course.objects.count())[0]
    Course.objects.filter(pk=course.pk).update(audience="helper", helper_stage=stage, sector=sector)
    return Course.objects.get(pk=course.pk)


def test_a_finished_helper_course_completes_its_stage_of_the_path():
    helper = make_helper()
    finish(helper, helper_course("awareness"))
    finish(helper, helper_course("training"))
    Progress.objects.create(user=helper, course=helper_course("continuing"))  # not finished
    assert completed_stages(helper) == {
        "awareness": datetime.date(2021, 3, 2),
        "core": datetime.date(2021, 3, 2),
    }


def test_a_sector_course_counts_only_for_helpers_of_that_sector():
    banking, health = Sector.objects.get(code="banking"), Sector.objects.get(code="health")
    course = helper_course("specialisation", sector=banking)
    banker, nurse = make_helper(sector=banking), make_helper(sector=health)
    finish(banker, course)
    finish(nurse, course)
    assert "specialisation" in completed_stages(banker)
    assert "specialisation" not in completed_stages(nurse)


def test_learner_course_progress_is_counted_per_competence(learner):
    courses = make_courses(4)  # competences cycle over the first five of the framework
    finish(learner, courses[0], timezone.now())
    code = Competence.objects.current().get(courses=courses[0]).code
    progress = learner_course_progress(learner)
    assert progress[code] == {"percent": 100, "lessons_done": 1, "lessons_total": 1}
    assert all(v["lessons_done"] == 0 for k, v in progress.items() if k != code)

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import make_helper
from training.models import PathStage
from training.services import path as path_service
from training.services.path import completed_stages, training_path

pytestmark = pytest.mark.django_db


def states(user):
    return [(step.stage.value, step.done, step.is_next) for step in training_path(user)]


def test_a_new_helper_starts_with_awareness(helper):
    assert states(helper) == [
        ("awareness", False, True),
        ("core", False, False),
        ("specialisation", False, False),
        ("continuing", False, False),
    ]


def test_the_path_advances_with_each_present_attendance(helper, attend):
    attend(helper, "awareness")
    assert [s for s in states(helper) if s[2]] == [("core", False, True)]
    attend(helper, "training")
    assert [s for s in states(helper) if s[2]] == [("specialisation", False, True)]
    attend(helper, "training", sector="health")
    assert [s for s in states(helper) if s[2]] == [("continuing", False, True)]
    attend(helper, "webinar")
    assert all(done for _, done, _ in states(helper))


def test_a_training_with_a_sector_completes_the_common_core_and_the_specialisation(helper, attend):
    """Every training has the common core, then a sector part: upcoming trainings all carry
    a sector, and the core stage once could not be completed at all."""
    attend(helper, "awareness", days_ago=20)
    training = attend(helper, "training", sector="health", days_ago=10)
    day = timezone.localdate(training.session.starts_at)
    stages = completed_stages(helper)
    assert (stages["core"], stages["specialisation"]) == (day, day)
    assert [s for s in states(helper) if s[2]] == [("continuing", False, True)]


def test_absences_and_other_people_s_attendance_do_not_count(helper, attend):
    attend(helper, "awareness", attendance="absent")
    attend(helper, "training", attendance="excused")
    attend(make_helper(), "awareness")
    assert completed_stages(helper) == {}


def test_a_stage_is_dated_by_its_first_present_session(helper, attend):
    attend(helper, "awareness", days_ago=10)
    first = attend(helper, "awareness", days_ago=40)
    assert completed_stages(helper)["awareness"] == timezone.localdate(first.session.starts_at)


def test_another_source_of_completed_stages_can_be_plugged_in(helper, monkeypatch):
    day = datetime.date(2021, 5, 4)
    source = lambda user: {PathStage.AWARENESS: day} if user == helper else {}  # noqa: E731
    monkeypatch.setattr(path_service, "STAGE_SOURCES", [*path_service.STAGE_SOURCES, source])
    assert completed_stages(helper) == {"awareness": day}
    assert states(helper)[1] == ("core", False, True)


def test_the_dashboard_shows_the_path_and_the_next_step(client, helper, attend):
    attend(helper, "awareness")
    client.force_login(helper)
    response = client.get(reverse("helpers:dashboard"))
    html = response.content.decode()
    assert response.status_code == 200
    assert response.context["next_step"].stage == PathStage.CORE
    assert reverse("helpers:session_list") + "?kind=training" in html


def test_marking_present_updates_the_path(helper, attend, operator_a):
    from training.services.attendance import mark_attendance

    participation = attend(helper, "awareness", attendance="")
    assert completed_stages(helper) == {}
    mark_attendance(participation=participation, attendance="present", marked_by=operator_a)
    assert "awareness" in completed_stages(helper)

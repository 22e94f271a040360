import pytest
from django.urls import reverse

from tests.factories import ParticipationFactory, TrainingSessionFactory, make_helper
from training.models import Participation
from training.services.path import completed_stages

pytestmark = pytest.mark.django_db


@pytest.fixture
def session(partner_a):
    return TrainingSessionFactory(partner=partner_a, kind="awareness", started=True)


def url(session):
    return reverse("helpers:attendance", args=[session.pk])


def test_the_partner_s_staff_mark_attendance_and_the_path_follows(client, session, operator_a):
    came, missed = make_helper(), make_helper()
    p_came = ParticipationFactory(session=session, person=came)
    p_missed = ParticipationFactory(session=session, person=missed)
    client.force_login(operator_a)
    page = client.get(url(session))
    assert page.status_code == 200
    assert f'name="p{p_came.pk}"' in page.content.decode()
    response = client.post(url(session), {f"p{p_came.pk}": "present", f"p{p_missed.pk}": "absent"})
    assert response.status_code == 302
    p_came.refresh_from_db()
    assert (p_came.attendance, p_came.marked_by) == ("present", operator_a)
    assert Participation.objects.get(pk=p_missed.pk).attendance == "absent"
    assert "awareness" in completed_stages(came)
    assert completed_stages(missed) == {}


def test_waitlisted_and_cancelled_people_are_not_on_the_sheet(client, session, operator_a):
    waiting = ParticipationFactory(session=session, booking="waitlisted")
    client.force_login(operator_a)
    response = client.post(url(session), {f"p{waiting.pk}": "present"})
    assert response.status_code == 302
    assert Participation.objects.get(pk=waiting.pk).attendance == ""


def test_an_unknown_value_changes_nothing(client, session, operator_a):
    participation = ParticipationFactory(session=session)
    client.force_login(operator_a)
    client.post(url(session), {f"p{participation.pk}": "maybe"})
    assert Participation.objects.get(pk=participation.pk).attendance == ""


def test_another_partner_s_staff_get_a_404(client, session, operator_b):
    participation = ParticipationFactory(session=session)
    client.force_login(operator_b)
    assert client.get(url(session)).status_code == 404
    assert client.post(url(session), {f"p{participation.pk}": "present"}).status_code == 404
    assert Participation.objects.get(pk=participation.pk).attendance == ""


@pytest.mark.parametrize("persona", ["helper", "learner", "coordinator"])
def test_people_who_are_not_operator_staff_get_a_403(client, session, request, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(url(session)).status_code == 403


def test_anonymous_visitors_are_sent_to_log_in(client, session):
    response = client.get(url(session))
    assert response.status_code == 302
    assert "/accounts/login/" in response.url


def test_attendance_waits_for_the_session_to_start(client, partner_a, operator_a):
    """Nobody is marked present at a session that has not begun (issue #13, point 4)."""
    from django.core.exceptions import ValidationError

    from training.services.attendance import mark_attendance

    upcoming = TrainingSessionFactory(partner=partner_a)
    participation = ParticipationFactory(session=upcoming)
    client.force_login(operator_a)
    page = client.get(url(upcoming)).content.decode()
    assert "La présence s'ouvre au début de la session, le " in page
    assert "Enregistrer les présences" not in page
    response = client.post(url(upcoming), {f"p{participation.pk}": "present"}, follow=True)
    assert "une fois la session commencée" in response.content.decode()
    with pytest.raises(ValidationError):
        mark_attendance(participation=participation, attendance="present", marked_by=operator_a)
    assert Participation.objects.get(pk=participation.pk).attendance == ""


def test_a_stage_dated_after_today_is_not_done_yet(partner_a):
    helper = make_helper()
    ahead = TrainingSessionFactory(partner=partner_a, kind="awareness")
    ParticipationFactory(session=ahead, person=helper, attendance="present")  # as imported
    assert completed_stages(helper) == {}

import datetime

import pytest
import time_machine
from django.core import mail
from django.utils import timezone
from icalendar import Calendar

from accounts.models import SentNotice, User
from tests.factories import ParticipationFactory, TrainingSessionFactory, make_helper, make_user
from training import tasks
from training.services.booking import book_seat

pytestmark = pytest.mark.django_db


def in_days(days, hours=0):
    return timezone.now() + datetime.timedelta(days=days, hours=hours)


def test_two_days_before_each_registered_helper_gets_one_reminder_with_the_ics(
    django_capture_on_commit_callbacks,
):
    soon = TrainingSessionFactory(title="Formation socle", starts_at=in_days(1, 20))
    later = TrainingSessionFactory(starts_at=in_days(5))
    nl = make_helper(language="nl", first_name="Anke")
    fr = make_helper(first_name="Zoé")
    waiting = make_helper()
    soon.capacity = 2
    soon.save()
    for person in (nl, fr, waiting):
        book_seat(session=soon, person=person)
    book_seat(session=later, person=fr)

    for _ in range(3):
        with django_capture_on_commit_callbacks(execute=True):
            tasks.send_session_reminders.delay()

    assert sorted(m.to[0] for m in mail.outbox) == sorted([nl.email, fr.email])
    by_person = {m.to[0]: m for m in mail.outbox}
    assert "Hallo Anke" in by_person[nl.email].body
    assert "Bonjour Zoé" in by_person[fr.email].body
    name, content, mimetype = by_person[fr.email].attachments[0]
    assert mimetype == "text/calendar"
    events = Calendar.from_ical(content).walk("VEVENT")
    assert str(events[0]["summary"]) == "Formation socle"


def test_cancelled_bookings_and_sessions_get_no_reminder():
    session = TrainingSessionFactory(starts_at=in_days(1))
    ParticipationFactory(session=session, booking="cancelled")
    called_off = TrainingSessionFactory(starts_at=in_days(1), status="cancelled")
    ParticipationFactory(session=called_off)
    assert tasks.send_session_reminders() == 0
    assert mail.outbox == []


def test_the_day_after_the_partner_s_staff_are_reminded_once_to_mark_attendance(
    operator_a, operator_b, partner_a, django_capture_on_commit_callbacks
):
    colleague = make_user(User.Role.OPERATOR, partner=partner_a, language="nl")
    yesterday = timezone.now() - datetime.timedelta(days=1)
    session = TrainingSessionFactory(
        partner=partner_a, starts_at=yesterday, ends_at=yesterday + datetime.timedelta(hours=1)
    )
    ParticipationFactory(session=session)
    ParticipationFactory(session=session, attendance="present")
    marked = TrainingSessionFactory(
        partner=partner_a, starts_at=yesterday, ends_at=yesterday + datetime.timedelta(hours=1)
    )
    ParticipationFactory(session=marked, attendance="absent")
    with time_machine.travel(timezone.now() + datetime.timedelta(hours=1)):
        for _ in range(3):
            with django_capture_on_commit_callbacks(execute=True):
                tasks.send_attendance_reminders.delay()
    assert sorted(m.to[0] for m in mail.outbox) == sorted([operator_a.email, colleague.email])
    assert (
        f"/fr/helper/sessions/{session.pk}/attendance/" in mail.outbox[0].body + mail.outbox[1].body
    )
    nl_mail = next(m for m in mail.outbox if m.to == [colleague.email])
    assert f"/nl/helper/sessions/{session.pk}/attendance/" in nl_mail.body


def test_no_attendance_reminder_on_the_day_of_the_session(operator_a, partner_a):
    with time_machine.travel(timezone.localtime().replace(hour=9)):
        start = timezone.now() - datetime.timedelta(hours=2)
        session = TrainingSessionFactory(
            partner=partner_a, starts_at=start, ends_at=start + datetime.timedelta(hours=1)
        )
        ParticipationFactory(session=session)
        assert tasks.send_attendance_reminders() == 0


def test_a_promotion_task_run_three_times_sends_one_notice(django_capture_on_commit_callbacks):
    session = TrainingSessionFactory(capacity=1)
    participation = ParticipationFactory(session=session)
    for _ in range(3):
        with django_capture_on_commit_callbacks(execute=True):
            tasks.notify_waitlist_promotion.delay(participation.pk)
    assert len(mail.outbox) == 1
    assert SentNotice.objects.filter(kind="waitlist_promotion").count() == 1

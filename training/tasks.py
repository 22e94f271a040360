"""Session reminders, run by Celery beat. Thin and safe to run many times: every e-mail is
claimed first (``accounts.services.claim_notice``), so each person gets it once."""

import datetime

from celery import shared_task
from django.utils import timezone

from accounts.roles import operators_of
from training.models import Participation, TrainingSession
from training.services import notices

REMINDER_AHEAD = datetime.timedelta(days=2)
# Sessions that ended longer ago than this no longer trigger attendance reminders.
ATTENDANCE_LOOKBACK = datetime.timedelta(days=7)


@shared_task
def notify_waitlist_promotion(participation_id):
    participation = (
        Participation.objects.select_related("person", "session")
        .filter(pk=participation_id, booking=Participation.Booking.CONFIRMED)
        .first()
    )
    return bool(participation) and notices.send_waitlist_promotion(participation=participation)


@shared_task
def notify_booking_confirmed(participation_id):
    participation = (
        Participation.objects.select_related("person", "session")
        .filter(pk=participation_id, booking=Participation.Booking.CONFIRMED)
        .first()
    )
    return bool(participation) and notices.send_booking_confirmation(participation=participation)


@shared_task
def send_session_reminders():
    """Two days before a session, each confirmed person gets an e-mail with the .ics file."""
    now = timezone.now()
    participations = Participation.objects.filter(
        booking=Participation.Booking.CONFIRMED,
        person__isnull=False,
        session__status=TrainingSession.Status.PLANNED,
        session__starts_at__gt=now,
        session__starts_at__lte=now + REMINDER_AHEAD,
    ).select_related("person", "session")
    return sum(
        notices.send_session_reminder(participation=participation)
        for participation in participations
    )


def sessions_with_unmarked_attendance(now=None):
    """Sessions that ended before today (and within the look-back) with someone unmarked."""
    now = now or timezone.now()
    today = timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0)
    return (
        TrainingSession.objects.with_unmarked_attendance()
        .filter(ends_at__lt=today, ends_at__gte=today - ATTENDANCE_LOOKBACK)
        .select_related("partner")
    )


@shared_task
def send_attendance_reminders():
    """The day after a session, its partner's operator staff are asked to mark attendance."""
    sent = 0
    for session in sessions_with_unmarked_attendance():
        for member in operators_of(session.partner_id):
            sent += notices.send_attendance_reminder(
                session=session, staff_member=member, unmarked=session.unmarked
            )
    return sent

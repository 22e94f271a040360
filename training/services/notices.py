"""E-mails about sessions, each sent at most once per person (``notify_once``)."""

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from accounts.services import notify_once
from training.services.calendar import session_ics

BOOKING_CONFIRMED = "booking_confirmed"
SESSION_REMINDER = "session_reminder"
WAITLIST_PROMOTION = "waitlist_promotion"
ATTENDANCE_REMINDER = "attendance_reminder"


def _url(name, language, **kwargs):
    with translation.override(language):
        return settings.SITE_URL + reverse(name, kwargs=kwargs)


def send_session_reminder(*, participation):
    """Two days before: the session's practical details and its .ics, to a confirmed person."""
    person, session = participation.person, participation.session
    if person is None:
        return False
    return notify_once(
        kind=SESSION_REMINDER,
        recipient=person,
        key=session.pk,
        template="training/emails/session_reminder",
        context=_session_context(person, session),
        attachments=[_ics(session, person.language)],
    )


def send_booking_confirmation(*, participation):
    """At booking: the practical details and the .ics (once per booking: a seat booked again
    after a cancellation is confirmed again)."""
    person, session = participation.person, participation.session
    if person is None:
        return False
    return notify_once(
        kind=BOOKING_CONFIRMED,
        recipient=person,
        key=f"{session.pk}:{participation.booked_at:%Y%m%d%H%M%S%f}",
        template="training/emails/booking_confirmed",
        context=_session_context(person, session),
        attachments=[_ics(session, person.language)],
    )


def _session_context(person, session):
    return {
        "person": person,
        "session": session,
        "url": _url("helpers:session_detail", person.language, pk=session.pk),
    }


def _ics(session, language):
    with translation.override(language):  # its link opens the session page in their language
        ics = session_ics(session, with_link=True)
    return (f"session-{session.pk}.ics", ics, "text/calendar")


def send_waitlist_promotion(*, participation):
    person, session = participation.person, participation.session
    if person is None:
        return False
    return notify_once(
        kind=WAITLIST_PROMOTION,
        recipient=person,
        key=session.pk,
        template="training/emails/waitlist_promotion",
        context=_session_context(person, session),
    )


def send_attendance_reminder(*, session, staff_member, unmarked):
    """The day after: ask a partner's staff member to mark who came."""
    return notify_once(
        kind=ATTENDANCE_REMINDER,
        recipient=staff_member,
        key=session.pk,
        template="training/emails/attendance_reminder",
        context={
            "person": staff_member,
            "session": session,
            "unmarked": unmarked,
            "url": _url("helpers:attendance", staff_member.language, pk=session.pk),
        },
    )

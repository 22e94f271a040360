"""E-mails about sessions, each sent at most once per person (``claim_notice``).

The claim and the e-mail are in one transaction: if rendering fails the claim is rolled back,
and the e-mail leaves (through Celery) only once the claim is committed.
"""

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import translation

from accounts.services import claim_notice
from crosslearn.lib.emails import enqueue, render
from helpers.services.calendar import session_ics

SESSION_REMINDER = "session_reminder"
WAITLIST_PROMOTION = "waitlist_promotion"
ATTENDANCE_REMINDER = "attendance_reminder"


def _url(name, language, **kwargs):
    with translation.override(language):
        return settings.SITE_URL + reverse(name, kwargs=kwargs)


@transaction.atomic
def send_session_reminder(*, participation):
    """Two days before: the session's practical details and its .ics, to a confirmed person."""
    person, session = participation.person, participation.session
    if not person or not person.email:
        return False
    if not claim_notice(kind=SESSION_REMINDER, recipient=person, key=session.pk):
        return False
    language = person.language
    context = {
        "person": person,
        "session": session,
        "url": _url("helpers:session_detail", language, pk=session.pk),
    }
    message = render(
        "helpers/emails/session_reminder", to=[person.email], context=context, language=language
    )
    message.attach(
        f"session-{session.pk}.ics", session_ics(session, with_link=True), "text/calendar"
    )
    enqueue(message)
    return True


@transaction.atomic
def send_waitlist_promotion(*, participation):
    person, session = participation.person, participation.session
    if not person or not person.email:
        return False
    if not claim_notice(kind=WAITLIST_PROMOTION, recipient=person, key=session.pk):
        return False
    language = person.language
    context = {
        "person": person,
        "session": session,
        "url": _url("helpers:session_detail", language, pk=session.pk),
    }
    enqueue(
        render(
            "helpers/emails/waitlist_promotion",
            to=[person.email],
            context=context,
            language=language,
        )
    )
    return True


@transaction.atomic
def send_attendance_reminder(*, session, staff_member, unmarked):
    """The day after: ask a partner's staff member to mark who came."""
    if not staff_member.email:
        return False
    if not claim_notice(kind=ATTENDANCE_REMINDER, recipient=staff_member, key=session.pk):
        return False
    language = staff_member.language
    context = {
        "person": staff_member,
        "session": session,
        "unmarked": unmarked,
        "url": _url("helpers:attendance", language, pk=session.pk),
    }
    enqueue(
        render(
            "helpers/emails/attendance_reminder",
            to=[staff_member.email],
            context=context,
            language=language,
        )
    )
    return True

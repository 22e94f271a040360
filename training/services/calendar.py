"""iCalendar files: one per session, and a helper's personal feed of booked sessions."""

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar, Event

PRODID = "-//Cross§Le@rn//sessions//EN"


def _calendar(name):
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    return calendar


def _event(session, *, with_link):
    event = Event()
    event.add("uid", f"session-{session.ref}@crosslearn")
    event.add("dtstamp", timezone.now())
    event.add("dtstart", session.starts_at)
    event.add("dtend", session.ends_at)
    event.add("summary", session.local_title)
    if session.is_online:
        event.add("location", session.online_url if with_link else session.get_mode_display())
    else:
        event.add("location", " ".join(filter(None, [session.local_place, session.postal_code])))
    path = reverse("helpers:session_detail", kwargs={"pk": session.pk})
    event.add("url", f"{settings.SITE_URL}{path}")
    if session.status == session.Status.CANCELLED:
        event.add("status", "CANCELLED")
    return event


def session_ics(session, *, with_link=False):
    """``with_link``: include the online link (only for people registered to the session)."""
    calendar = _calendar(session.local_title)
    calendar.add_component(_event(session, with_link=with_link))
    return calendar.to_ical()


def feed_ics(sessions, *, name):
    calendar = _calendar(name)
    for session in sessions:
        calendar.add_component(_event(session, with_link=True))
    return calendar.to_ical()

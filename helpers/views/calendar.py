"""A helper's personal calendar feed of the sessions they booked (the token is the secret)."""

import secrets

from django.http import Http404

from helpers.models import HelperProfile
from training.models import Participation, TrainingSession
from training.services.calendar import feed_ics
from training.views.sessions import ics_response


def calendar_token(profile):
    if profile.calendar_token is None:
        profile.calendar_token = secrets.token_urlsafe(32)
        profile.save(update_fields=["calendar_token"])
    return profile.calendar_token


def calendar_feed(request, token):
    """A helper's booked sessions, for a calendar application."""
    profile = HelperProfile.objects.filter(calendar_token=token).select_related("user").first()
    if profile is None or not profile.user.is_active:
        raise Http404
    sessions = TrainingSession.objects.filter(
        participations__person=profile.user,
        participations__booking=Participation.Booking.CONFIRMED,
    ).order_by("starts_at")
    return ics_response(feed_ics(sessions, name="Cross§Le@rn"), "crosslearn.ics")

"""The limits of an accompaniment, the same for the helper's form, the admin and imports.

One figure typed wrongly (or on purpose) must not move the programme's indicators: a
collective workshop of a billion people or a date years before the programme is refused with a
message, wherever it is written. Entries that are possible but unusual are kept and flagged
for the partner's operators to review (``review_reasons``). The database repeats the hard
limits as constraints (``Accompaniment.Meta``).
"""

import datetime

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from helpers import cra

MAX_COLLECTIVE_PARTICIPANTS = 200
MAX_DURATION_MINUTES = 12 * 60
DAYS_AHEAD_ALLOWED = 1  # a helper near midnight, or in another time zone

# Possible, but worth a second look by the partner.
UNUSUAL_PARTICIPANTS = 40
UNUSUAL_DURATION_MINUTES = 4 * 60
UNUSUAL_DAYS_LATE = 60


class Review:
    MANY_PARTICIPANTS = "many_participants"
    LONG = "long"
    LOGGED_LATE = "logged_late"
    LABELS = {
        MANY_PARTICIPANTS: _("More than %(count)s participants") % {"count": UNUSUAL_PARTICIPANTS},
        LONG: _("Longer than %(hours)s hours") % {"hours": UNUSUAL_DURATION_MINUTES // 60},
        LOGGED_LATE: _("Logged more than %(days)s days after the date")
        % {"days": UNUSUAL_DAYS_LATE},
    }


def earliest_date():
    """Accompaniments before the programme's start are refused (``ACCOMPANIMENTS_FROM``)."""
    return settings.ACCOMPANIMENTS_FROM


def problems(*, kind, participants, duration_minutes, date, breakdown=None, today=None):
    """``{field: message}`` for every limit the values break; empty when they are right."""
    found = {}
    today = today or timezone.localdate()
    if participants is not None:
        if participants < 1:
            found["participants"] = _("At least 1 participant.")
        elif kind == "individual" and participants != 1:
            found["participants"] = _(
                "An individual accompaniment has 1 participant: write 1, or choose a "
                "collective workshop."
            )
        elif kind == "collective" and participants < 2:
            found["participants"] = _(
                "A collective workshop has at least 2 participants: for one person, choose "
                "individual."
            )
        elif participants > MAX_COLLECTIVE_PARTICIPANTS:
            found["participants"] = _(
                "At most %(limit)s participants in one workshop; log larger events as several "
                "workshops."
            ) % {"limit": MAX_COLLECTIVE_PARTICIPANTS}
    if duration_minutes is not None:
        if duration_minutes < 1:
            found["duration_minutes"] = _("At least 1 minute.")
        elif duration_minutes > MAX_DURATION_MINUTES:
            found["duration_minutes"] = _("At most %(hours)s hours (%(minutes)s minutes).") % {
                "hours": MAX_DURATION_MINUTES // 60,
                "minutes": MAX_DURATION_MINUTES,
            }
    if date is not None:
        if date > today + datetime.timedelta(days=DAYS_AHEAD_ALLOWED):
            found["date"] = _("The date is in the future.")
        elif date < earliest_date():
            found["date"] = _("The date is before the programme's start (%(start)s).") % {
                "start": earliest_date().isoformat()
            }
    if breakdown and participants is not None:
        found.update(_breakdown_problems(breakdown, participants))
    return found


def _breakdown_problems(breakdown, participants):
    """Each dimension's counts are people among the participants ("not given" is the rest)."""
    for dimension, (choices, _legend) in cra.DIMENSIONS.items():
        given = breakdown.get(dimension) or {}
        if any(value not in choices.values for value in given):
            return {"breakdown": _("The breakdown has a value we do not know.")}
        if any(not isinstance(people, int) or people < 0 for people in given.values()):
            return {"breakdown": _("A breakdown cannot count fewer than 0 people.")}
        if sum(given.values()) > participants:
            return {
                "breakdown": _(
                    "The people counted by %(dimension)s are more than the %(count)s participants."
                )
                % {"dimension": cra.DIMENSION_NAMES[dimension], "count": participants}
            }
    return {}


def review_reasons(*, participants, duration_minutes, date, today=None, late_matters=True):
    """Why an accepted entry deserves a second look (an empty list when it does not).

    ``late_matters``: False for imports, which bring the past in by nature.
    """
    today = today or timezone.localdate()
    reasons = []
    if participants and participants > UNUSUAL_PARTICIPANTS:
        reasons.append(Review.MANY_PARTICIPANTS)
    if duration_minutes and duration_minutes > UNUSUAL_DURATION_MINUTES:
        reasons.append(Review.LONG)
    if late_matters and date and (today - date).days > UNUSUAL_DAYS_LATE:
        reasons.append(Review.LOGGED_LATE)
    return reasons

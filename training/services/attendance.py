from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from training.models import Participation

NOT_STARTED = _("Attendance can be marked once the session has started.")


def has_started(session, now=None):
    return session.starts_at <= (now or timezone.now())


def check_may_mark(session):
    """Nobody is present (or absent) at a session that has not begun."""
    if not has_started(session):
        raise ValidationError(NOT_STARTED, code="not_started")


@transaction.atomic
def mark_attendance(*, participation, attendance, marked_by):
    """Record whether a registered person came (present, absent, excused)."""
    check_may_mark(participation.session)
    participation.attendance = Participation.Attendance(attendance)
    participation.marked_by = marked_by
    participation.marked_at = timezone.now()
    participation.full_clean()
    participation.save(update_fields=["attendance", "marked_by", "marked_at"])
    return participation

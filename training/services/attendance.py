from django.db import transaction
from django.utils import timezone

from training.models import Participation


@transaction.atomic
def mark_attendance(*, participation, attendance, marked_by):
    """Record whether a registered person came (present, absent, excused)."""
    participation.attendance = Participation.Attendance(attendance)
    participation.marked_by = marked_by
    participation.marked_at = timezone.now()
    participation.full_clean()
    participation.save(update_fields=["attendance", "marked_by", "marked_at"])
    return participation

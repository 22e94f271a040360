"""Helper courses count on the helper training path (training.services.path)."""

from django.db.models import Min, Q, Sum
from django.utils import timezone

from courses.models import Course, Progress

# Course.helper_stage → training.models.PathStage
PATH_STAGES = {
    Course.HelperStage.AWARENESS: "awareness",
    Course.HelperStage.TRAINING: "core",
    Course.HelperStage.SPECIALISATION: "specialisation",
    Course.HelperStage.CONTINUING: "continuing",
}


def stages_from_courses(user):
    """{path stage: day} for the helper courses ``user`` finished.

    A sector course counts as the specialisation only for helpers of that sector (or of none yet).
    """
    profile = getattr(user, "helper_profile", None)
    sector_id = profile.sector_id if profile else None
    rows = (
        Progress.objects.filter(
            user=user, completed_at__isnull=False, course__audience=Course.Audience.HELPER
        )
        .exclude(course__helper_stage="")
        .filter(
            Q(course__sector__isnull=True) | Q(course__sector_id=sector_id) if sector_id else Q()
        )
        .values("course__helper_stage")
        .annotate(first=Min("completed_at"))
    )
    return {
        PATH_STAGES[row["course__helper_stage"]]: timezone.localdate(row["first"]) for row in rows
    }


def helper_course_minutes(user, until):
    """Minutes of the helper courses ``user`` finished by ``until`` (their stated durations)."""
    finished = Progress.objects.filter(
        user=user, completed_at__lte=until, course__audience=Course.Audience.HELPER
    )
    return finished.aggregate(total=Sum("course__duration_minutes"))["total"] or 0

"""Which semester a day falls in, without a query per page: semesters are cached until edited."""

import datetime

from django.db.models.signals import post_delete, post_save

from crosslearn.lib.caching import new_version, versioned
from reporting.models import Programme, Semester

NAMESPACE = "semesters"


def semester_bounds():
    """[(start, end, code, programme start)] of every programme semester."""
    return versioned(
        NAMESPACE,
        "bounds",
        lambda: [
            (semester.start, semester.end, semester.code, semester.programme.start)
            for semester in Semester.objects.select_related("programme")
        ],
    )


def semester_containing(today):
    """(start, end, code) of the programme semester containing ``today`` (the latest programme
    wins), else the calendar half-year with no code."""
    containing = [bound for bound in semester_bounds() if bound[0] <= today <= bound[1]]
    if containing:
        start, end, code, _programme_start = max(containing, key=lambda bound: bound[3])
        return start, end, code
    if today.month <= 6:
        return datetime.date(today.year, 1, 1), datetime.date(today.year, 6, 30), None
    return datetime.date(today.year, 7, 1), datetime.date(today.year, 12, 31), None


def forget_semesters(**kwargs):
    new_version(NAMESPACE)


def connect_signals():
    for model in (Programme, Semester):
        post_save.connect(forget_semesters, sender=model, dispatch_uid=f"semesters-save-{model}")
        post_delete.connect(forget_semesters, sender=model, dispatch_uid=f"semesters-del-{model}")

"""Which semester a day falls in, without a query per page: semesters are cached until edited."""

import dataclasses

from crosslearn.lib.caching import versioned
from crosslearn.lib.periods import Period, half_year
from reporting.models import Semester

NAMESPACE = "semesters"


def semester_bounds():
    """[(start, end, code, programme start, programme name)] of every programme semester."""
    return versioned(
        NAMESPACE,
        "bounds",
        lambda: [
            (s.start, s.end, s.code, s.programme.start, s.programme.name)
            for s in Semester.objects.select_related("programme")
        ],
    )


def period_containing(today):
    """The programme semester containing ``today`` (the latest programme wins), else the
    calendar half-year with no code, named after the latest programme
    (``crosslearn.lib.periods.Period``)."""
    bounds = semester_bounds()
    containing = [bound for bound in bounds if bound[0] <= today <= bound[1]]
    if containing:
        start, end, code, _programme_start, name = max(containing, key=lambda b: b[3])
        return Period(start, end, code, name)
    latest = max(bounds, key=lambda b: b[3])[4] if bounds else ""
    return dataclasses.replace(half_year(today), programme_name=latest)


def semester_containing(today):
    """(start, end, code) of the semester containing ``today``; code None outside."""
    period = period_containing(today)
    return period.start, period.end, period.code

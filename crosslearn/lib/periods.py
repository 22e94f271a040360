"""The programme period a day falls in, for apps below reporting (the helper dashboard, the
attendance sheet): reporting, which owns programmes and semesters, registers the lookup at
start-up (``register``); without it a day falls in its calendar half-year."""

import dataclasses
import datetime


@dataclasses.dataclass(frozen=True)
class Period:
    start: datetime.date
    end: datetime.date
    code: str | None = None  # "S3"; None outside every programme
    programme_name: str = ""


def half_year(day):
    if day.month <= 6:
        return Period(datetime.date(day.year, 1, 1), datetime.date(day.year, 6, 30))
    return Period(datetime.date(day.year, 7, 1), datetime.date(day.year, 12, 31))


_lookup = None


def register(lookup):
    """``lookup(day) -> Period`` (the programme semester containing ``day``)."""
    global _lookup
    _lookup = lookup


def period_containing(day):
    return _lookup(day) if _lookup is not None else half_year(day)

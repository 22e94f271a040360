"""The semester of a day is read from a cached list that follows every edit."""

import datetime

import pytest

from reporting.models import Programme, Semester
from reporting.semesters import semester_containing

pytestmark = pytest.mark.django_db


def test_a_day_of_the_programme_falls_in_its_semester():
    programme = Programme.objects.get(slug="crosslearn")
    first = programme.semesters.order_by("number").first()
    assert semester_containing(first.start) == (first.start, first.end, "S1")


def test_outside_the_programme_the_calendar_half_year_is_used():
    assert semester_containing(datetime.date(2040, 3, 1)) == (
        datetime.date(2040, 1, 1),
        datetime.date(2040, 6, 30),
        None,
    )
    assert semester_containing(datetime.date(2040, 9, 1))[0] == datetime.date(2040, 7, 1)


def test_a_new_or_edited_semester_is_seen_at_once(django_assert_num_queries):
    day = datetime.date(2040, 2, 1)
    semester_containing(day)
    with django_assert_num_queries(0):
        semester_containing(day)  # cached
    programme = Programme.objects.create(
        slug="next", name="Next", start=datetime.date(2040, 1, 1), end=datetime.date(2041, 12, 31)
    )
    semester = Semester.objects.create(
        programme=programme,
        number=1,
        start=datetime.date(2040, 1, 1),
        end=datetime.date(2040, 6, 30),
    )
    assert semester_containing(day)[2] == "S1"
    semester.number = 2
    semester.save()
    assert semester_containing(day)[2] == "S2"
    semester.delete()
    assert semester_containing(day)[2] is None

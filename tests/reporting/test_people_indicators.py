"""people_reached and new_people, exact to the person (issue #13, point 1)."""

import datetime

import pytest

from helpers.services.register import add_person, merge
from reporting import indicators
from tests.factories import AccompanimentFactory, StructureFactory, make_helper

pytestmark = pytest.mark.django_db


def values(figures, indicator, key="ALL"):
    return [figures.value(indicator, s, key) for s in figures.semesters]


@pytest.fixture
def helper(partners):
    return make_helper(structure=StructureFactory(partner=partners["WTC"]))


def visit(helper, day, person=None, **fields):
    accompaniment = AccompanimentFactory(
        helper=helper, date=day, registered_participants=1 if person else 0, **fields
    )
    if person:
        accompaniment.beneficiaries.set([person])
    return accompaniment


def test_the_example_of_the_issue_8_accompaniments_7_people_5_new(programme, helper):
    """P is helped twice, then a workshop of 6 of whom 2 were already accompanied."""
    p = add_person(structure=helper.helper_profile.structure, by=helper, first_name="P")
    visit(helper, datetime.date(2021, 2, 1), p)
    visit(helper, datetime.date(2021, 3, 1), p)
    visit(helper, datetime.date(2021, 4, 1), kind="collective", participants=6,
          already_accompanied=2)  # fmt: skip

    figures = indicators.compute(programme)

    assert values(figures, "accompaniments") == [0, 8, 0, 0]
    assert values(figures, "people_reached") == [0, 7, 0, 0]
    assert values(figures, "new_people") == [0, 5, 0, 0]
    assert values(figures, "people_reached", "WTC") == [0, 7, 0, 0]


def test_a_person_counts_once_in_the_programme_in_the_semester_of_the_first_visit(
    programme, helper
):
    p = add_person(structure=helper.helper_profile.structure, by=helper)
    visit(helper, datetime.date(2021, 9, 1), p)  # S3
    visit(helper, datetime.date(2020, 10, 1), p)  # S1, logged later
    visit(helper, datetime.date(2022, 2, 1), p)  # S4

    figures = indicators.compute(programme)

    assert values(figures, "people_reached") == [1, 0, 0, 0]
    assert values(figures, "new_people") == [1, 0, 0, 0]
    assert values(figures, "accompaniments") == [1, 0, 1, 1]


def test_someone_first_helped_before_the_programme_counts_in_no_semester(programme, helper):
    p = add_person(structure=helper.helper_profile.structure, by=helper)
    visit(helper, datetime.date(2020, 5, 1), p)
    visit(helper, datetime.date(2021, 2, 1), p)

    assert values(indicators.compute(programme), "people_reached") == [0, 0, 0, 0]


def test_people_helped_before_the_register_are_reached_but_not_new(programme, helper):
    structure = helper.helper_profile.structure
    known = add_person(structure=structure, by=helper, before=True)
    visit(helper, datetime.date(2021, 2, 1), known)
    visit(helper, datetime.date(2021, 2, 2), first_time=False)  # someone not in the register
    visit(helper, datetime.date(2021, 2, 3), first_time=None)  # nobody knows: new

    figures = indicators.compute(programme)

    assert values(figures, "people_reached") == [0, 3, 0, 0]
    assert values(figures, "new_people") == [0, 1, 0, 0]


def test_merging_a_duplicate_counts_the_person_once_and_keeps_the_accompaniments(programme, helper):
    structure = helper.helper_profile.structure
    first = add_person(structure=structure, by=helper, first_name="Ana", last_initial="M")
    again = add_person(structure=structure, by=helper, first_name="Ana", last_initial="M")
    visit(helper, datetime.date(2021, 2, 1), first)
    visit(helper, datetime.date(2020, 11, 1), again)  # the same person, earlier, in S1
    before = indicators.compute(programme)
    assert values(before, "people_reached") == [1, 1, 0, 0]

    merge(keep=first, duplicate=again)

    after = indicators.compute(programme)
    assert values(after, "people_reached") == [1, 0, 0, 0]  # once, at the first visit
    assert values(after, "accompaniments") == values(before, "accompaniments") == [1, 1, 0, 0]


def test_accompaniments_that_do_not_count_reach_nobody(programme, partners):
    from helpers.models import Membership

    helper = make_helper(structure=StructureFactory(partner=partners["WTC"]))
    p = add_person(structure=helper.helper_profile.structure, by=helper)
    visit(helper, datetime.date(2021, 2, 1), p)
    Membership.objects.filter(helper=helper).update(status="rejected")

    figures = indicators.compute(programme)

    assert values(figures, "accompaniments") == [0, 0, 0, 0]
    assert values(figures, "people_reached") == [0, 0, 0, 0]


def test_the_queries_stay_constant_as_people_grow(programme, helper):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    structure = helper.helper_profile.structure
    counts = []
    for people in (1, 20):
        for _ in range(people):
            visit(helper, datetime.date(2021, 2, 1), add_person(structure=structure, by=helper))
        with CaptureQueriesContext(connection) as captured:
            figures = indicators.compute(programme)
        counts.append(len(captured))
    assert values(figures, "people_reached") == [0, 21, 0, 0]
    assert counts[0] == counts[1]

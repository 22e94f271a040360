import datetime

import pytest

from partners.models import Partner
from reporting import indicators
from reporting.indicators import ALL, PARIS, Dimension
from reporting.models import Programme
from tests.factories import StructureFactory, make_helper


def paris(*args):
    return datetime.datetime(*args, tzinfo=PARIS)


@pytest.fixture
def programme(db):
    return Programme.objects.get(slug="crosslearn")


@pytest.fixture
def partners(db):
    return {p.code: p for p in Partner.objects.all()}


@pytest.fixture
def people(db):
    """Make helpers whose own structure was affiliated before the programme (counts nowhere)."""
    old = StructureFactory(affiliated_on=datetime.date(2019, 1, 1))

    def make(count=1):
        return [make_helper(structure=old) for _ in range(count)]

    return make


def assert_every_breakdown_adds_up(programme):
    """For each dimension, indicator and semester: the rows shown add up to the total, and
    every indicator has a row in every breakdown."""
    for dimension, _label in Dimension.CHOICES:
        figures = indicators.compute(programme, dimension=dimension)
        for semester in figures.semesters:
            rows = figures.rows(semester=semester)
            for indicator in figures.indicators:
                own = [r for r in rows if r.indicator == indicator]
                parts = sum(r.value for r in own if r.key != ALL)
                (total,) = [r.value for r in own if r.key == ALL]
                assert parts == total, (dimension, semester.code, indicator, parts, total)
                if total:
                    assert any(r.key != ALL and r.value for r in own), (dimension, indicator)

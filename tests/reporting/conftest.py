import datetime

import pytest

from partners.models import Partner
from reporting.indicators import PARIS
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

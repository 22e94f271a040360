import datetime

import pytest
from django.utils import timezone

from partners.models import Sector
from tests.factories import ParticipationFactory, TrainingSessionFactory
from training.models import Participation


@pytest.fixture
def attend():
    """Record that ``person`` was present at a past session of ``kind`` (and ``sector``)."""

    def record(person, kind, *, sector=None, days_ago=30, attendance="present"):
        starts = timezone.now() - datetime.timedelta(days=days_ago)
        session = TrainingSessionFactory(
            kind=kind,
            sector=Sector.objects.get(code=sector) if sector else None,
            starts_at=starts,
            ends_at=starts + datetime.timedelta(hours=2),
        )
        return ParticipationFactory(
            session=session,
            person=person,
            booking=Participation.Booking.CONFIRMED,
            attendance=attendance,
        )

    return record


@pytest.fixture
def trained(attend):
    """Make ``person`` complete the first three stages of the path."""

    def complete(person):
        attend(person, "awareness", days_ago=90)
        attend(person, "training", days_ago=60)
        attend(person, "training", sector="banking", days_ago=30)
        return person

    return complete

"""The booking race on PostgreSQL: many people, one connection each, all at once."""

import os
import threading

import pytest
from django.db import connection, connections

from tests.factories import TrainingSessionFactory, make_helper
from training.models import Participation
from training.services.booking import book_seat

pytestmark = pytest.mark.postgres

THREADS = 60
SEATS = 10


def needs_postgresql():
    if connection.vendor != "postgresql":
        if os.environ.get("DATABASE_URL"):
            pytest.fail("DATABASE_URL is set but the tests do not run on PostgreSQL")
        pytest.skip("select_for_update needs PostgreSQL (CI sets DATABASE_URL)")


def race(session, people):
    barrier = threading.Barrier(len(people))
    errors = []

    def book(person):
        try:
            barrier.wait(timeout=30)
            book_seat(session=session, person=person)
        except Exception as error:  # reported below, with the thread's own traceback
            errors.append(error)
        finally:
            connections.close_all()  # this thread's own connection

    threads = [threading.Thread(target=book, args=(p,)) for p in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors, errors


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("round_", range(3))
def test_sixty_simultaneous_bookings_for_ten_seats_confirm_exactly_ten(round_):
    needs_postgresql()
    session = TrainingSessionFactory(capacity=SEATS)
    people = [make_helper() for _ in range(THREADS)]
    race(session, people)
    counts = Participation.objects.filter(session=session).values_list("booking", flat=True)
    counts = list(counts)
    assert counts.count(Participation.Booking.CONFIRMED) == SEATS
    assert counts.count(Participation.Booking.WAITLISTED) == THREADS - SEATS


@pytest.mark.django_db(transaction=True)
def test_a_burst_of_double_clicks_books_once():
    needs_postgresql()
    session = TrainingSessionFactory(capacity=SEATS)
    person = make_helper()
    race(session, [person] * 20)
    assert Participation.objects.filter(session=session, person=person).count() == 1

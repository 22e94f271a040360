import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from tests.factories import TrainingSessionFactory, make_helper
from training.models import Participation
from training.services.booking import book_seat, cancel_booking, fill_free_seats

pytestmark = pytest.mark.django_db

CONFIRMED = Participation.Booking.CONFIRMED
WAITLISTED = Participation.Booking.WAITLISTED
CANCELLED = Participation.Booking.CANCELLED


def test_it_confirms_seats_then_waitlists_once_the_session_is_full():
    session = TrainingSessionFactory(capacity=2)
    people = [make_helper() for _ in range(3)]
    statuses = [book_seat(session=session, person=p).booking for p in people]
    assert statuses == [CONFIRMED, CONFIRMED, WAITLISTED]


def test_booking_twice_books_once():
    session = TrainingSessionFactory(capacity=2)
    person = make_helper()
    first = book_seat(session=session, person=person)
    second = book_seat(session=session, person=person)
    assert first.pk == second.pk
    assert Participation.objects.filter(session=session).count() == 1


def test_a_cancelled_or_past_session_cannot_be_booked():
    cancelled = TrainingSessionFactory(status="cancelled")
    past = TrainingSessionFactory(starts_at=timezone.now() - datetime.timedelta(hours=1))
    for session in (cancelled, past):
        with pytest.raises(ValidationError):
            book_seat(session=session, person=make_helper())


def test_cancelling_a_seat_promotes_the_first_waiting_and_tells_them_in_their_language(
    django_capture_on_commit_callbacks,
):
    session = TrainingSessionFactory(capacity=1, title="Formation socle")
    holder = make_helper()
    first_waiting = make_helper(language="nl", first_name="Anke")
    second_waiting = make_helper()
    book_seat(session=session, person=holder)
    with time_step():
        book_seat(session=session, person=first_waiting)
    with time_step(2):
        book_seat(session=session, person=second_waiting)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        cancel_booking(participation=Participation.objects.get(person=holder))
    bookings = dict(Participation.objects.values_list("person", "booking"))
    assert bookings == {
        holder.pk: CANCELLED,
        first_waiting.pk: CONFIRMED,
        second_waiting.pk: WAITLISTED,
    }
    assert [m.to for m in mail.outbox] == [[first_waiting.email]]
    assert "Formation socle" in mail.outbox[0].subject
    assert "Hallo Anke" in mail.outbox[0].body


def test_leaving_the_waiting_list_promotes_nobody(django_capture_on_commit_callbacks):
    session = TrainingSessionFactory(capacity=1)
    holder, waiting, other = make_helper(), make_helper(), make_helper()
    for person in (holder, waiting, other):
        book_seat(session=session, person=person)
    with django_capture_on_commit_callbacks(execute=True):
        cancel_booking(participation=Participation.objects.get(person=waiting))
    assert Participation.objects.get(person=other).booking == WAITLISTED
    assert Participation.objects.get(person=holder).booking == CONFIRMED
    assert mail.outbox == []


def test_the_promotion_notice_goes_once_even_if_promoted_again(django_capture_on_commit_callbacks):
    session = TrainingSessionFactory(capacity=1)
    holder, waiting = make_helper(), make_helper()
    book_seat(session=session, person=holder)
    book_seat(session=session, person=waiting)
    with django_capture_on_commit_callbacks(execute=True):
        cancel_booking(participation=Participation.objects.get(person=holder))
    # The promoted person cancels and books again behind the first holder, then is promoted again.
    with django_capture_on_commit_callbacks(execute=True):
        book_seat(session=session, person=holder)
        cancel_booking(participation=Participation.objects.get(person=waiting))
        book_seat(session=session, person=waiting)
        cancel_booking(participation=Participation.objects.get(person=holder))
    assert Participation.objects.get(person=waiting).booking == CONFIRMED
    assert [m.to for m in mail.outbox] == [[waiting.email]]


def test_raising_the_capacity_serves_the_queue_in_order(django_capture_on_commit_callbacks):
    session = TrainingSessionFactory(capacity=1)
    people = [make_helper() for _ in range(3)]
    for offset, person in enumerate(people):
        with time_step(offset):
            book_seat(session=session, person=person)
    session.capacity = 2
    session.save()
    with django_capture_on_commit_callbacks(execute=True):
        promoted = fill_free_seats(session=session)
    assert [p.person for p in promoted] == [people[1]]
    latecomer = make_helper()
    assert book_seat(session=session, person=latecomer).booking == WAITLISTED


class time_step:
    """Book a little later, so that the waiting list order is unambiguous."""

    def __init__(self, minutes=1):
        import time_machine

        self.travel = time_machine.travel(timezone.now() + datetime.timedelta(minutes=minutes))

    def __enter__(self):
        self.travel.start()

    def __exit__(self, *exc):
        self.travel.stop()


# Views ---------------------------------------------------------------------------------


def test_a_helper_books_and_cancels_through_the_pages(client, django_capture_on_commit_callbacks):
    session = TrainingSessionFactory(capacity=1)
    helper, waiting = make_helper(), make_helper()
    client.force_login(helper)
    assert client.get(reverse("helpers:book", args=[session.pk])).status_code == 200
    response = client.post(reverse("helpers:book", args=[session.pk]))
    assert response.status_code == 302
    assert Participation.objects.get(person=helper).booking == CONFIRMED
    # A double click (second POST) changes nothing.
    client.post(reverse("helpers:book", args=[session.pk]))
    assert Participation.objects.filter(session=session).count() == 1
    book_seat(session=session, person=waiting)
    assert client.get(reverse("helpers:cancel", args=[session.pk])).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("helpers:cancel", args=[session.pk]))
    assert Participation.objects.get(person=helper).booking == CANCELLED
    assert Participation.objects.get(person=waiting).booking == CONFIRMED


def test_booking_a_seat_e_mails_the_details_with_a_calendar_file(
    client, django_capture_on_commit_callbacks
):
    from icalendar import Calendar

    session = TrainingSessionFactory(capacity=1, title="Formation socle")
    helper = make_helper(language="nl", first_name="Anke")
    client.force_login(helper)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("helpers:book", args=[session.pk]))
    (message,) = mail.outbox
    assert message.to == [helper.email]
    assert "Formation socle" in message.subject
    assert "Hallo Anke" in message.body
    ((name, content, mimetype),) = message.attachments
    assert (name, mimetype) == (f"session-{session.pk}.ics", "text/calendar")
    (event,) = Calendar.from_ical(content).walk("VEVENT")
    assert event.decoded("dtstart") == session.starts_at.replace(microsecond=0)
    assert str(event["uid"]) == f"session-{session.ref}@crosslearn"
    assert f"/nl/helper/sessions/{session.pk}/" in str(event["url"])  # Anke reads Dutch
    # Waiting gets no confirmation; a seat booked again after a cancellation gets a new one.
    with django_capture_on_commit_callbacks(execute=True):
        book_seat(session=session, person=make_helper())
        cancel_booking(participation=Participation.objects.get(person=helper))
        cancel_booking(participation=Participation.objects.get(session=session, booking=CONFIRMED))
        with time_step():
            book_seat(session=session, person=helper)
    assert [m.to for m in mail.outbox].count([helper.email]) == 2


def test_the_booking_page_says_when_the_helper_joins_the_waiting_list(client):
    session = TrainingSessionFactory(capacity=1)
    book_seat(session=session, person=make_helper())
    helper = make_helper()
    client.force_login(helper)
    response = client.post(reverse("helpers:book", args=[session.pk]), follow=True)
    assert Participation.objects.get(person=helper).booking == WAITLISTED
    assert "vous êtes sur la liste d&#x27;attente" in response.content.decode()


def test_learners_may_not_book(client, learner):
    session = TrainingSessionFactory()
    client.force_login(learner)
    assert client.post(reverse("helpers:book", args=[session.pk])).status_code == 403
    assert not Participation.objects.exists()


def test_booking_needs_a_post(client):
    session = TrainingSessionFactory()
    client.force_login(make_helper())
    client.get(reverse("helpers:book", args=[session.pk]))
    assert not Participation.objects.exists()


def test_nobody_cancels_someone_else_s_booking(client):
    session = TrainingSessionFactory()
    owner = make_helper()
    book_seat(session=session, person=owner)
    client.force_login(make_helper())
    assert client.post(reverse("helpers:cancel", args=[session.pk])).status_code == 404
    assert Participation.objects.get(person=owner).booking == CONFIRMED

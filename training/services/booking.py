"""Booking seats in sessions: race-free through a lock on the session row.

Every write locks the session (``SELECT … FOR UPDATE``) before counting its confirmed seats,
so concurrent bookings are serialised by PostgreSQL; the unique (session, person) constraint
makes a double click book once. Admin code may call these functions too.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from training.models import Participation, TrainingSession

Booking = Participation.Booking


def _locked(session):
    return TrainingSession.objects.select_for_update().get(pk=session.pk)


def bookable(session, now=None):
    now = now or timezone.now()
    return session.status == TrainingSession.Status.PLANNED and session.starts_at > now


@transaction.atomic
def book_seat(*, session, person):
    """Confirm a seat for ``person``, or put them on the waiting list when the session is full.

    Booking again while already booked changes nothing; after a cancellation it books anew,
    at the end of the queue.
    """
    session = _locked(session)
    if not bookable(session):
        raise ValidationError(_("This session can no longer be booked."), code="closed")
    participation = Participation.objects.filter(session=session, person=person).first()
    if participation and participation.booking != Booking.CANCELLED:
        return participation
    confirmed = session.participations.filter(booking=Booking.CONFIRMED).count()
    waiting = session.participations.filter(booking=Booking.WAITLISTED).exists()
    status = (
        Booking.CONFIRMED if confirmed < session.capacity and not waiting else Booking.WAITLISTED
    )
    if participation is None:
        participation = Participation(session=session, person=person, booking=status)
        participation.full_clean()
        participation.save()
    else:
        participation.booking = status
        participation.booked_at = timezone.now()
        participation.attendance = ""
        participation.full_clean()
        participation.save(update_fields=["booking", "booked_at", "attendance"])
    if status == Booking.WAITLISTED and confirmed < session.capacity:
        # Seats are free (the capacity was raised) but people wait: serve the queue in order.
        fill_free_seats(session=session)
        participation.refresh_from_db(fields=["booking"])
    elif status == Booking.CONFIRMED:
        from training.tasks import notify_booking_confirmed

        transaction.on_commit(
            lambda pk=participation.pk: notify_booking_confirmed.delay(pk), robust=True
        )
    return participation


@transaction.atomic
def cancel_booking(*, participation):
    """Cancel a seat or a place on the waiting list; a freed seat goes to the first waiting."""
    session = _locked(participation.session)
    participation = Participation.objects.get(pk=participation.pk)
    if participation.booking == Booking.CANCELLED:
        return participation
    participation.booking = Booking.CANCELLED
    participation.full_clean()
    participation.save(update_fields=["booking"])
    fill_free_seats(session=session)
    return participation


@transaction.atomic
def fill_free_seats(*, session):
    """Promote waiting people, first come first served, while seats are free; tell each one.

    Call it too after raising a session's capacity. Returns the promoted participations.
    """
    from training.tasks import notify_waitlist_promotion

    session = _locked(session)
    if not bookable(session):
        return []
    confirmed = session.participations.filter(booking=Booking.CONFIRMED).count()
    free = session.capacity - confirmed
    if free <= 0:
        return []
    promoted = list(
        session.participations.filter(booking=Booking.WAITLISTED).order_by("booked_at", "pk")[:free]
    )
    for participation in promoted:
        participation.booking = Booking.CONFIRMED
        participation.save(update_fields=["booking"])
        transaction.on_commit(
            lambda pk=participation.pk: notify_waitlist_promotion.delay(pk), robust=True
        )
    return promoted

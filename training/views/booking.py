"""Booking a seat and cancelling it (both confirmed by a POST; GET shows the question)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from training.models import Participation
from training.services.booking import book_seat, bookable, cancel_booking
from training.views.sessions import get_session_for_helper


@login_required
@permission_required("accounts.use_helper_space", raise_exception=True)
def book(request, pk):
    session = get_session_for_helper(pk, request.user)
    if request.method == "POST":
        try:
            participation = book_seat(session=session, person=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            if participation.booking == Participation.Booking.CONFIRMED:
                messages.success(request, _("Your seat is booked. See you there!"))
            else:
                messages.info(
                    request,
                    _(
                        "The session is full: you are on the waiting list. "
                        "We will e-mail you if a seat frees up."
                    ),
                )
        return redirect("helpers:session_detail", pk=session.pk)
    if session.my_booking in (Participation.Booking.CONFIRMED, Participation.Booking.WAITLISTED):
        return redirect("helpers:session_detail", pk=session.pk)
    return render(
        request,
        "training/book.html",
        {
            "session": session,
            "bookable": bookable(session),
        },
    )


@login_required
@permission_required("accounts.use_helper_space", raise_exception=True)
def cancel(request, pk):
    session = get_session_for_helper(pk, request.user)
    participation = get_object_or_404(
        Participation,
        session=session,
        person=request.user,
        booking__in=[Participation.Booking.CONFIRMED, Participation.Booking.WAITLISTED],
    )
    if request.method == "POST":
        if bookable(session):
            cancel_booking(participation=participation)
            messages.success(request, _("Your booking is cancelled."))
        else:
            messages.error(request, _("This session has started: it can no longer be cancelled."))
        return redirect("helpers:session_detail", pk=session.pk)
    return render(
        request, "training/cancel.html", {"session": session, "participation": participation}
    )

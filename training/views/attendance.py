"""Attendance taken by the session partner's operator staff, on a tablet, without JavaScript."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from accounts.access import get_for_worker
from training.models import Participation, TrainingSession
from training.services.attendance import NOT_STARTED, has_started, mark_attendance


def get_session_for_staff(user, pk):
    """The session if it belongs to the staff member's partner; 404 for other partners'."""
    queryset = TrainingSession.objects.select_related("partner", "sector")
    session, can_write = get_for_worker(queryset, user, pk)
    if not can_write:
        raise Http404
    return session


@login_required
@permission_required("accounts.operate_partner", raise_exception=True)
def attendance(request, pk):
    session = get_session_for_staff(request.user, pk)
    participations = list(
        session.participations.confirmed()
        .select_related("person")
        .order_by("person__last_name", "person__first_name", "pk")
    )
    choices = Participation.Attendance.choices
    started = has_started(session)
    if request.method == "POST" and not started:
        messages.error(request, NOT_STARTED)
        return redirect("helpers:attendance", pk=session.pk)
    if request.method == "POST":
        changed = 0
        for participation in participations:
            value = request.POST.get(f"p{participation.pk}", "")
            if value in Participation.Attendance.values and value != participation.attendance:
                mark_attendance(
                    participation=participation, attendance=value, marked_by=request.user
                )
                changed += 1
        messages.success(request, _("Attendance saved (%(count)d changed).") % {"count": changed})
        return redirect("helpers:attendance", pk=session.pk)
    return render(
        request,
        "training/attendance.html",
        {
            "session": session,
            "participations": participations,
            "choices": choices,
            "started": started,
        },
    )

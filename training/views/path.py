"""The training path panel of the dashboard, the attestation and its public verification."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from training.models import Attestation, Participation, SessionKind, TrainingSession
from training.services.attestation import (
    attestation_pdf,
    find_genuine,
    has_name,
    issue_attestation,
    stage_rows,
)
from training.services.path import completed_stages, may_get_attestation, training_path


def path_panel_context(request):
    """Context of ``helpers/_path_panel.html``: path, next step, booked sessions."""
    user = request.user
    steps = training_path(user)
    next_step = next((step for step in steps if step.is_next), None)
    bookings = (
        Participation.objects.filter(
            person=user,
            booking__in=[Participation.Booking.CONFIRMED, Participation.Booking.WAITLISTED],
            session__ends_at__gte=timezone.now(),
            session__status=TrainingSession.Status.PLANNED,
        )
        .select_related("session")
        .order_by("session__starts_at")
    )
    sessions_url = reverse("helpers:session_list")
    if next_step:
        sessions_url += f"?kind={next_step.session_kind}"
    return {
        "path_steps": steps,
        "next_step": next_step,
        "next_sessions_url": sessions_url,
        "my_bookings": bookings,
        "may_get_attestation": may_get_attestation({s.stage.value for s in steps if s.done}),
        "SessionKind": SessionKind,
    }


@login_required
@permission_required("accounts.use_helper_space", raise_exception=True)
def attestation(request):
    if not may_get_attestation(completed_stages(request.user)):
        return render(request, "training/attestation_not_yet.html", status=403)
    document = Attestation.objects.filter(helper=request.user).first()
    if document is None and not has_name(request.user):
        messages.info(
            request, _("Give your first and last name first: they are printed on the attestation.")
        )
        return redirect("helpers:profile")
    document = document or issue_attestation(helper=request.user)
    response = HttpResponse(attestation_pdf(document), content_type="application/pdf")
    response["Content-Disposition"] = 'attachment; filename="crosslearn-attestation.pdf"'
    return response


def verify_attestation(request, code=None):
    """Public: anyone may check an attestation's code (from the printed address or typed)."""
    if code is None:
        # Codes are letters and digits; people type spaces and dashes from paper.
        typed = "".join(ch for ch in request.GET.get("code", "") if ch.isalnum())[:64].upper()
        if typed:
            return redirect("helpers:verify_attestation", code=typed)
        if request.GET.get("code", "").strip():  # only signs: no code to look up
            return render(request, "training/verify.html", {"asked": True}, status=404)
        return render(request, "training/verify.html", {"asked": False})
    document = find_genuine(code)
    return render(
        request,
        "training/verify.html",
        {
            "asked": True,
            "code": code,
            "attestation": document,
            "stages": stage_rows(document) if document else [],
        },
        status=200 if document else 404,
    )

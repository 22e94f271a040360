"""Training attestations: issued once per helper who completed the first three stages."""

import base64
import datetime
import io
import secrets

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import DurationField, ExpressionWrapper, F, Sum
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import ngettext

from courses.path import helper_course_minutes
from training.models import Attestation, Participation, PathStage
from training.services.path import ATTESTATION_STAGES, completed_stages, may_get_attestation


def new_code():
    # 20 characters from a 32-letter alphabet without look-alikes: easy to type from paper.
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return "".join(secrets.choice(alphabet) for _ in range(20))


def verification_url(attestation, language=None):
    with translation.override(language or translation.get_language()):
        path = reverse("helpers:verify_attestation", kwargs={"code": attestation.code})
    return settings.SITE_URL + path


def has_name(helper):
    return bool(helper.first_name.strip() and helper.last_name.strip())


def training_facts(helper, now=None):
    """The partner who trained ``helper``, their sector and their minutes of training so far.

    The partner is the one that ran the helper's first training (the partner they count for in
    ``helpers_trained``), else their structure's; the time is the length of the sessions they
    attended plus the stated duration of the helper courses they finished.
    """
    now = now or timezone.now()
    attended = Participation.objects.of(helper).present().filter(session__starts_at__lte=now)
    length = ExpressionWrapper(
        F("session__ends_at") - F("session__starts_at"), output_field=DurationField()
    )
    in_sessions = attended.aggregate(total=Sum(length))["total"] or datetime.timedelta()
    first = attended.at_trainings().order_by("session__starts_at").select_related("session")
    first = first.first()
    profile = getattr(helper, "helper_profile", None)
    structure = profile.structure if profile else None
    if first is not None:
        partner_id = first.session.partner_id
    else:
        partner_id = structure.partner_id if structure else None
    return {
        "partner_id": partner_id,
        "sector_id": profile.sector_id if profile else None,
        "training_minutes": round(in_sessions.total_seconds() / 60)
        + helper_course_minutes(helper, now),
    }


@transaction.atomic
def issue_attestation(*, helper):
    """The helper's attestation, created on first request. PermissionDenied if not earned."""
    existing = Attestation.objects.filter(helper=helper).first()
    if existing:
        return existing
    stages = completed_stages(helper)
    if not may_get_attestation(stages):
        raise PermissionDenied("The first three stages of the path are not completed.")
    if not has_name(helper):
        raise PermissionDenied("An attestation prints the holder's first and last name.")
    attestation = Attestation(
        helper=helper,
        code=new_code(),
        holder_name=helper.get_full_name(),
        stages={stage.value: stages[stage.value].isoformat() for stage in ATTESTATION_STAGES},
        **training_facts(helper),
    )
    attestation.full_clean()
    try:
        with transaction.atomic():
            attestation.save()
    except IntegrityError:  # a concurrent request issued it first
        return Attestation.objects.get(helper=helper)
    return attestation


def find_genuine(code):
    """The attestation with this code, or None when there is none (or it was revoked)."""
    code = "".join(ch for ch in (code or "").upper() if ch.isalnum())
    if not code:
        return None
    return Attestation.objects.filter(code=code, revoked=False).select_related("partner").first()


def _qr_data_uri(text):
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=10)
    buffer = io.BytesIO()
    image.save(buffer)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode()


def hours_label(minutes):
    """ "9.5 hours" in the active language's number format."""
    hours = minutes / 60
    shown = formats.number_format(hours, decimal_pos=0 if minutes % 60 == 0 else 1)
    return ngettext("%(hours)s hour", "%(hours)s hours", max(1, round(hours))) % {"hours": shown}


def stage_rows(attestation):
    return [
        (PathStage(value).label, datetime.date.fromisoformat(day))
        for value, day in attestation.stages.items()
    ]


def attestation_document(attestation):
    """The laid-out attestation (WeasyPrint document), in the active language."""
    from weasyprint import HTML

    url = verification_url(attestation)
    html = render_to_string(
        "training/attestation_pdf.html",
        {
            "attestation": attestation,
            "stages": stage_rows(attestation),
            "hours": hours_label(attestation.training_minutes),
            "verification_url": url,
            "qr": _qr_data_uri(url),
        },
    )
    return HTML(string=html, base_url=str(settings.BASE_DIR)).render()


def attestation_pdf(attestation):
    """The PDF (bytes), in the active language."""
    return attestation_document(attestation).write_pdf()

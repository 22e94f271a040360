"""Training attestations: issued once per helper who completed the first three stages."""

import base64
import io
import secrets

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from training.models import Attestation, PathStage
from training.services.path import ATTESTATION_STAGES, completed_stages, may_get_attestation


def new_code():
    # 20 characters from a 32-letter alphabet without look-alikes: easy to type from paper.
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return "".join(secrets.choice(alphabet) for _ in range(20))


def verification_url(attestation, language=None):
    with translation.override(language or translation.get_language()):
        path = reverse("helpers:verify_attestation", kwargs={"code": attestation.code})
    return settings.SITE_URL + path


@transaction.atomic
def issue_attestation(*, helper):
    """The helper's attestation, created on first request. PermissionDenied if not earned."""
    existing = Attestation.objects.filter(helper=helper).first()
    if existing:
        return existing
    stages = completed_stages(helper)
    if not may_get_attestation(stages):
        raise PermissionDenied("The first three stages of the path are not completed.")
    attestation = Attestation(
        helper=helper,
        code=new_code(),
        holder_name=helper.get_full_name() or helper.email or str(helper.pk),
        stages={stage.value: stages[stage.value].isoformat() for stage in ATTESTATION_STAGES},
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
    return Attestation.objects.filter(code=code, revoked=False).first() if code else None


def _qr_data_uri(text):
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=10)
    buffer = io.BytesIO()
    image.save(buffer)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode()


def stage_rows(attestation):
    import datetime

    return [
        (PathStage(value).label, datetime.date.fromisoformat(day))
        for value, day in attestation.stages.items()
    ]


def attestation_pdf(attestation):
    """The PDF (bytes), in the active language."""
    from weasyprint import HTML

    url = verification_url(attestation)
    html = render_to_string(
        "training/attestation_pdf.html",
        {
            "attestation": attestation,
            "stages": stage_rows(attestation),
            "verification_url": url,
            "qr": _qr_data_uri(url),
        },
    )
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()

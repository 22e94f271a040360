"""Learners followed by a structure: accounts made with consent, login cards, activity.

Learners live beside their profile (``accounts.LearnerProfile``): a helper of the structure or
an operator of its partner reaches them (``accounts.access``); the helper's own view of them,
with the accompaniments given, is ``helpers.services.learners``.
"""

import datetime
import secrets

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from accounts.access import approved_structure_id, get_for_worker
from accounts.models import LearnerProfile, User
from accounts.services import assign_role

CODE_LENGTH = 8  # accounts.card_login says why 8 digits make guessing hopeless


def new_card_code():
    """A numeric code, easy to type on a cheap phone (stored hashed)."""
    return "".join(secrets.choice("0123456789") for _ in range(CODE_LENGTH))


def _card_username(first_name):
    base = slugify(first_name)[:20] or "learner"
    for _ in range(50):
        candidate = f"{base}-{secrets.randbelow(9000) + 1000}"
        if not LearnerProfile.objects.filter(card_username=candidate).exists():
            return candidate
    raise RuntimeError("No free card username")  # pragma: no cover – 9,000 per first name


@transaction.atomic
def create_learner(*, helper, first_name, language, age_bracket="", consent):
    """Create a learner without e-mail for ``helper``'s structure; returns (profile, code)."""
    if not consent:
        raise ValueError("A learner is created only with their consent.")
    structure_id = approved_structure_id(helper)
    if structure_id is None:
        raise ValueError("The helper has no approved structure.")
    code = new_card_code()
    user = User(email=None, first_name=first_name.strip(), language=language)
    user.set_password(code)
    user.full_clean()
    user.save()
    assign_role(user=user, role=User.Role.LEARNER)
    now = timezone.now()
    profile = LearnerProfile(
        user=user,
        structure_id=structure_id,
        created_by=helper,
        consent_given_at=now,
        consent_recorded_by=helper,
        age_bracket=age_bracket,
        card_username=_card_username(first_name),
    )
    profile.full_clean()
    profile.save()
    return profile, code


@transaction.atomic
def reset_card_code(*, profile):
    """Give the learner a new short code; the old card stops working."""
    code = new_card_code()
    profile.user.set_password(code)
    profile.user.save(update_fields=["password"])
    return code


def touch_learner(user, moment=None):
    """Record activity (card login, accompaniment) for the retention rule and dashboards."""
    LearnerProfile.objects.filter(user=user).update(last_activity=moment or timezone.now())


def get_learner_for(viewer, pk):
    """The learner profile ``pk`` if ``viewer`` works with it (a helper approved at its
    structure, an operator of its partner), else 404."""
    queryset = LearnerProfile.objects.select_related("user", "structure", "created_by")
    profile, _can_write = get_for_worker(queryset, viewer, pk)
    return profile


def inactive_cutoff(now=None):
    return (now or timezone.now()) - datetime.timedelta(days=settings.LEARNER_INACTIVE_DAYS)


def card_qr_svg(url):
    """An inline SVG QR code of ``url`` (no style attribute: the CSP allows it)."""
    import qrcode
    import qrcode.image.svg

    image = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, border=2)
    svg = image.to_string(encoding="unicode")
    # Sized by CSS (.card-qr svg), readable by screen readers through the figure's caption.
    return svg.replace("<svg ", '<svg aria-hidden="true" focusable="false" ', 1)

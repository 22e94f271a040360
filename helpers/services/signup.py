"""Becoming a helper: role, profile, structure (existing or requested), preferred language."""

import uuid

from django.db import transaction

from accounts.models import User
from accounts.services import assign_role
from helpers.models import HelperProfile
from partners.models import Structure


@transaction.atomic
def request_structure(**fields):
    """A structure asked for by a helper; it waits for operator staff to approve it."""
    structure = Structure(
        ref=f"REQ-{uuid.uuid4().hex[:10].upper()}", status=Structure.Status.PENDING, **fields
    )
    structure.full_clean()
    structure.save()
    return structure


@transaction.atomic
def become_helper(*, user, structure, sector, language):
    """Make ``user`` a helper of ``structure`` (or update their profile if already one)."""
    if user.role != User.Role.HELPER:
        assign_role(user=user, role=User.Role.HELPER)
    if user.language != language:
        user.language = language
        user.save(update_fields=["language"])
    profile, _ = HelperProfile.objects.update_or_create(
        user=user, defaults={"structure": structure, "sector": sector}
    )
    return profile

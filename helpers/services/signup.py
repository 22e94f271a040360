"""Becoming a helper: role, profile, structure (existing or requested), preferred language."""

import uuid

from django.db import transaction

from accounts.roles import make_helper_role
from helpers.models import HelperProfile
from helpers.services.membership import request_membership
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
def become_helper(*, user, structure, sector, language, first_name, last_name):
    """Make ``user`` a helper asking to join ``structure`` (or update their profile).

    Returns ``(profile, request)``: the membership request waiting for the structure's
    partner, or None when ``structure`` is already the helper's approved structure.
    """
    make_helper_role(user)
    given = {"language": language, "first_name": first_name.strip(), "last_name": last_name.strip()}
    changed = [name for name, value in given.items() if getattr(user, name) != value]
    if changed:
        for name in changed:
            setattr(user, name, given[name])
        user.save(update_fields=changed)
    profile, _ = HelperProfile.objects.update_or_create(user=user, defaults={"sector": sector})
    return profile, request_membership(user=user, structure=structure)

"""Structure membership: a helper asks to join a structure; its partner's operators decide.

The helper profile's ``structure`` is the approved one, and only these functions change it, so
everything that asks "which structure does this helper work for" (learners, accompaniments,
indicators, the admin's scoping) sees approved memberships only.
"""

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from accounts.roles import operators_of
from accounts.services import notify_once
from helpers.models import HelperProfile, Membership


def pending_request(user):
    return (
        Membership.objects.pending()
        .filter(helper=user)
        .select_related("structure__partner")
        .first()
    )


@transaction.atomic
def request_membership(*, user, structure):
    """Ask to help at ``structure``; returns the pending request, or None if already approved.

    A new request replaces an earlier one nobody answered yet. The partner's operators are
    told by e-mail, each in their own language.
    """
    profile = HelperProfile.objects.select_for_update().get(user=user)
    if profile.structure_id == structure.pk:
        Membership.objects.pending().filter(helper=user).delete()
        return None
    current = pending_request(user)
    if current is not None and current.structure_id == structure.pk:
        return current
    Membership.objects.pending().filter(helper=user).delete()
    membership = Membership.objects.create(helper=user, structure=structure)
    for operator in operators_of(structure.partner_id):
        notify_once(
            kind="membership_requested",
            recipient=operator,
            key=membership.pk,
            template="helpers/emails/membership_requested",
            context={
                "membership": membership,
                "helper": user,
                "person": operator,
                "site_url": settings.SITE_URL,
            },
        )
    return membership


@transaction.atomic
def approve_membership(*, membership, by):
    """The partner accepts the helper: the structure becomes theirs, the previous one ends."""
    membership = _locked(membership)
    if membership.status != Membership.Status.PENDING:
        return False
    Membership.objects.filter(helper=membership.helper, status=Membership.Status.APPROVED).update(
        status=Membership.Status.ENDED
    )
    _decide(membership, Membership.Status.APPROVED, by)
    HelperProfile.objects.filter(user=membership.helper).update(structure=membership.structure)
    _tell_helper(membership)
    return True


@transaction.atomic
def refuse_membership(*, membership, by):
    membership = _locked(membership)
    if membership.status != Membership.Status.PENDING:
        return False
    _decide(membership, Membership.Status.REJECTED, by)
    _tell_helper(membership)
    return True


@transaction.atomic
def withdraw_membership(*, membership, by):
    """The partner takes back an approval (e.g. a false identity): the helper leaves the
    structure, and what they logged there no longer counts in the indicators."""
    membership = _locked(membership)
    if membership.status not in Membership.COUNTED:
        return False
    was_current = membership.status == Membership.Status.APPROVED
    _decide(membership, Membership.Status.WITHDRAWN, by)
    if was_current:
        HelperProfile.objects.filter(user=membership.helper, structure=membership.structure).update(
            structure=None
        )
    _tell_helper(membership)
    return True


def approved_by_import(*, profiles, by):
    """Memberships for helper profiles an operator's import attached to their structures.

    Importing people into one's own structures is the operator's approval; bulk, for imports.
    """
    now = timezone.now()
    Membership.objects.bulk_create(
        [
            Membership(
                helper_id=profile.user_id,
                structure_id=profile.structure_id,
                status=Membership.Status.APPROVED,
                decided_at=now,
                decided_by=by,
            )
            for profile in profiles
            if profile.structure_id
        ],
        batch_size=1000,
    )


def _locked(membership):
    return (
        Membership.objects.select_for_update()
        .select_related("helper", "structure__partner")
        .get(pk=membership.pk)
    )


def _decide(membership, status, by):
    membership.status = status
    membership.decided_at = timezone.now()
    membership.decided_by = by
    membership.save(update_fields=["status", "decided_at", "decided_by"])


def _tell_helper(membership):
    notify_once(
        kind=f"membership_{membership.status}",
        recipient=membership.helper,
        key=membership.pk,
        template="helpers/emails/membership_decided",
        context={"membership": membership, "site_url": settings.SITE_URL},
    )


def tell_helpers_their_structure_is_in(sender, *, structures, **kwargs):
    """A structure a helper asked for was approved: their request to join it now waits for
    the partner's decision on them (partners.services.structures_approved)."""
    waiting = (
        Membership.objects.pending()
        .filter(structure__in=structures)
        .select_related("helper", "structure__partner")
    )
    for membership in waiting:
        notify_once(
            kind="structure_approved",
            recipient=membership.helper,
            key=membership.structure_id,
            template="helpers/emails/structure_approved",
            context={"membership": membership, "site_url": settings.SITE_URL},
        )

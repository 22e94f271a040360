"""Decisions on structures, which other apps hear about through ``structures_approved``."""

from django.db import transaction
from django.dispatch import Signal
from simple_history.utils import bulk_update_with_history

from partners.models import Structure

# Sent with ``structures`` (just approved) and ``by`` (the staff member) once the approval is
# committed: the helpers who asked for them are told (helpers.services.membership).
structures_approved = Signal()


@transaction.atomic
def approve_structures(*, structures, by):
    """Approve the pending ones among ``structures``; returns them."""
    pending = [s for s in structures if s.status != Structure.Status.APPROVED]
    for structure in pending:
        structure.status = Structure.Status.APPROVED
    bulk_update_with_history(pending, Structure, ["status"], default_user=by)
    announce_approval(pending, by=by)
    return pending


def announce_approval(structures, *, by):
    if structures:
        transaction.on_commit(
            lambda: structures_approved.send(sender=Structure, structures=structures, by=by)
        )

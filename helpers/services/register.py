"""The structure's light register of the people it helps (issue #13, point 1).

No name is needed: an entry is a learner account of the structure, or an anonymous person with
only what the activity report asks for. Likely duplicates are proposed for merging; a merge
moves the accompaniments to the entry kept, so every figure stays right.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Exists, OuterRef
from django.db.models.functions import Lower, Upper
from django.utils.translation import gettext_lazy as _

from accounts.models import LearnerProfile
from helpers.models import Accompaniment, Beneficiary

SAME_PERSON_KEYS = ("first", "initial", "age_bracket")


def register_of(structure):
    """The structure's current entries; its learner accounts get theirs on the way."""
    entered = Beneficiary.objects.filter(structure=structure, learner=OuterRef("user"))
    missing = LearnerProfile.objects.filter(structure=structure).exclude(Exists(entered))
    Beneficiary.objects.bulk_create(
        [
            Beneficiary(structure=structure, learner_id=user)
            for user in missing.values_list("user", flat=True)
        ],
        ignore_conflicts=True,  # a concurrent request made the same entry
    )
    return (
        Beneficiary.objects.current()
        .filter(structure=structure)
        .select_related("learner__learner_profile")
    )


def add_person(*, structure, by, first_name="", last_initial="", age_bracket="", before=False):
    person = Beneficiary(
        structure=structure,
        created_by=by,
        first_name=first_name.strip(),
        last_initial=last_initial.strip()[:1].upper(),
        age_bracket=age_bracket,
        accompanied_before=before,
    )
    person.full_clean()
    person.save()
    return person


def likely_duplicates(structure):
    """Groups of anonymous entries with the same first name, initial and age bracket."""
    keyed = (
        Beneficiary.objects.current()
        .filter(structure=structure, learner__isnull=True)
        .exclude(first_name="")
        .annotate(first=Lower("first_name"), initial=Upper("last_initial"))
    )
    shared = keyed.values(*SAME_PERSON_KEYS).annotate(count=Count("pk")).filter(count__gt=1)
    groups = {tuple(row[k] for k in SAME_PERSON_KEYS): [] for row in shared}
    if not groups:
        return []
    for entry in keyed.filter(first__in={key[0] for key in groups}).order_by("created_at", "pk"):
        key = (entry.first, entry.initial, entry.age_bracket)
        if key in groups:
            groups[key].append(entry)
    return list(groups.values())


@transaction.atomic
def merge(*, keep, duplicate):
    """``duplicate`` is ``keep``: move its accompaniments over and retire it."""
    keep, duplicate = (
        Beneficiary.objects.select_for_update().get(pk=pk) for pk in (keep.pk, duplicate.pk)
    )
    if keep.pk == duplicate.pk or keep.structure_id != duplicate.structure_id:
        raise ValidationError(_("Only two entries of the same register can be merged."))
    if keep.merged_into_id or duplicate.merged_into_id:
        raise ValidationError(_("One of these entries was merged already. Reload the page."))
    Link = Accompaniment.beneficiaries.through
    together = Link.objects.filter(beneficiary=keep, accompaniment__beneficiaries=duplicate)
    if together.exists():
        raise ValidationError(
            _("These two came to the same accompaniment, so they are two different people.")
        )
    Link.objects.filter(beneficiary=duplicate).update(beneficiary=keep)
    keep.accompanied_before = keep.accompanied_before or duplicate.accompanied_before
    keep.age_bracket = keep.age_bracket or duplicate.age_bracket
    keep.save(update_fields=["accompanied_before", "age_bracket"])
    duplicate.merged_into = keep
    duplicate.save(update_fields=["merged_into"])
    Beneficiary.objects.filter(merged_into=duplicate).update(merged_into=keep)
    return keep

"""The people behind the accompaniments: ``people_reached`` and ``new_people`` (issue #13, point 1).

A person is an entry of a structure's register (merged duplicates count once), or a participant
not in the register, who is counted but cannot be told apart from others:

- ``people_reached``: each register entry counts once in the programme, in the semester of their
  first accompaniment; each participant not in the register counts in the semester of the
  accompaniment.
- ``new_people``: the same people, less those already accompanied at the structure before (the
  register's "already helped here before", the workshop's "how many came before", an individual
  accompaniment's "not the first time").

Each is the sum of two aggregates (register entries, other participants), both grouped like the
other indicators: a constant number of queries whatever the volume.
"""

from django.db.models import Case, Count, F, IntegerField, OuterRef, Subquery, Sum, Value, When
from django.db.models.functions import Greatest

from helpers.models import Accompaniment, Beneficiary


def _first_visit_day():
    """The day of the entry's first accompaniment that counts in the figures."""
    visits = Accompaniment.objects.counted().filter(beneficiaries=OuterRef("pk"))
    return Subquery(visits.order_by("date").values("date")[:1])


def register_entries(*, new_only=False):
    entries = Beneficiary.objects.current().annotate(on_day=_first_visit_day())
    if new_only:
        entries = entries.filter(accompanied_before=False)
    return entries, Count("id")


def _others():
    return F("participants") - F("registered_participants")


def _others_seen_before():
    """Of the participants not in the register, those accompanied here before."""
    return Case(
        When(kind=Accompaniment.Kind.COLLECTIVE, then=F("already_accompanied")),
        When(first_time=False, then=Value(1)),
        default=Value(0),
        output_field=IntegerField(),
    )


def other_participants(*, new_only=False):
    accompaniments = Accompaniment.objects.counted().annotate(on_day=F("date"))
    if new_only:
        return accompaniments, Sum(Greatest(_others() - _others_seen_before(), Value(0)))
    return accompaniments, Sum(_others())

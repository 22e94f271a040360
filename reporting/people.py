"""The people behind the accompaniments: ``people_reached`` and ``new_people`` (issue #13, point 1).

A person is an entry of a structure's register (merged duplicates count once), or a participant
not in the register, who is counted but cannot be told apart from others:

- ``people_reached``: each register entry counts once in the programme, in the semester of their
  first accompaniment; each participant not in the register counts in the semester of the
  accompaniment.
- ``new_people``: the same people, less those already accompanied at the structure before (the
  register's "already helped here before", the workshop's "how many came before", an individual
  accompaniment's "not the first time").

Each is the sum of two aggregates, grouped like the other indicators: one over the register's
first visits, one over the accompaniments (beside the accompaniments' own figure); a constant
number of queries whatever the volume.
"""

from django.db.models import Case, Count, Exists, F, IntegerField, OuterRef, Q, Sum, Value, When
from django.db.models.functions import Greatest

from helpers.models import Accompaniment, Beneficiary, counted_accompaniment

# The links between accompaniments and the register; a register part's rows are links, and
# ``via`` leads from a link to the register entry, where the breakdowns start.
Visit = Accompaniment.beneficiaries.through
VIA_ENTRY = "beneficiary__"


def _counted_visits():
    return Visit.objects.filter(counted_accompaniment("accompaniment__", in_bulk=True))


def first_visits():
    """The register's people, each once, on the day of their first visit that counts (rows are
    visits): the visits with no earlier one of the same entry (one anti-join, rather than a
    lookup per entry). Merged duplicates are gone from the register."""
    earlier = _counted_visits().filter(
        Q(accompaniment__date__lt=OuterRef("accompaniment__date"))
        | Q(
            accompaniment__date=OuterRef("accompaniment__date"),
            accompaniment_id__lt=OuterRef("accompaniment_id"),
        ),
        beneficiary=OuterRef("beneficiary"),
    )
    return (
        _counted_visits()
        .filter(~Exists(earlier), beneficiary__in=Beneficiary.objects.current())
        .annotate(on_day=F("accompaniment__date"))
    )


def register_people():
    """Of ``first_visits``: the people reached."""
    return Count("beneficiary_id")


def register_new_people():
    """Of ``first_visits``: the people not helped at the structure before."""
    return Count("beneficiary_id", filter=Q(beneficiary__accompanied_before=False))


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


def other_people():
    """Of counted accompaniments: the participants not in the register."""
    return Sum(_others())


def other_new_people():
    """Of counted accompaniments: the participants not in the register, not seen here before."""
    return Sum(Greatest(_others() - _others_seen_before(), Value(0)))

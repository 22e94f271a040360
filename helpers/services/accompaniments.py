"""The accompaniment log: writes, the helper's own list, totals and exports."""

import datetime
from collections import Counter

from django.conf import settings
from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.learners import touch_learner
from helpers import cra
from helpers.models import Accompaniment
from partners import communes
from partners.territory import country_of_postal_code

EQUIPMENT_CHOICES = [
    ("computer", _("Computer")),
    ("phone", _("Phone")),
    ("tablet", _("Tablet")),
    ("other", _("Other equipment")),
    ("none", _("No equipment")),
]

PROCEDURE_CHOICES = [
    ("identity", _("Identity and citizenship")),
    ("family", _("Family and schooling")),
    ("social_health", _("Social and health")),
    ("work", _("Work and training")),
    ("housing", _("Housing")),
    ("transport", _("Transport")),
    ("money", _("Money and taxes")),
    ("justice", _("Justice")),
    ("foreigners", _("Foreigners")),
    ("leisure", _("Leisure")),
    ("associations", _("Associations")),
]

DURATION_PRESETS = [15, 30, 45, 60, 90, 120]

# Fields copied by "same as last time" (never the date, the learner or the notes).
REPEATED_FIELDS = [
    "kind",
    "participants",
    "duration_minutes",
    "place",
    "postal_code",
    "commune_code",
    "activity_place_id",
    "equipment",
    "procedures",
    "autonomy",
    "redirected_to_id",
]


def can_edit(accompaniment, now=None):
    limit = datetime.timedelta(days=settings.ACCOMPANIMENT_EDIT_DAYS)
    return (now or timezone.now()) - accompaniment.created_at <= limit


def defaults_for(helper):
    """Initial values: today, 30 minutes, one person, at the helper's structure."""
    structure = getattr(getattr(helper, "helper_profile", None), "structure", None)
    initial = {
        "date": timezone.localdate(),
        "kind": Accompaniment.Kind.INDIVIDUAL,
        "participants": 1,
        "duration_minutes": 30,
        "place": Accompaniment.Place.STRUCTURE,
        "postal_code": structure.postal_code if structure else "",
    }
    return initial


def last_time_for(helper):
    """Initial values copied from the helper's last accompaniment, or None."""
    last = Accompaniment.objects.given_by(helper).order_by("-created_at").first()
    if last is None:
        return None
    initial = {name.removesuffix("_id"): getattr(last, name) for name in REPEATED_FIELDS}
    initial["themes"] = list(last.themes.values_list("pk", flat=True))
    initial["date"] = timezone.localdate()
    return initial


def most_used_competence_ids(helper, limit=5, *, in_structure=False):
    """The skills ``helper`` (or, ``in_structure``, everyone at their structure) ticks most."""
    if in_structure:
        structure = getattr(getattr(helper, "helper_profile", None), "structure_id", None)
        if structure is None:
            return []
        mine = {"accompaniment__structure_id": structure}
    else:
        mine = {"accompaniment__helper": helper}
    return list(
        Accompaniment.themes.through.objects.filter(**mine)
        .values("competence_id")
        .annotate(uses=Count("accompaniment_id"))
        .order_by("-uses", "competence_id")
        .values_list("competence_id", flat=True)[:limit]
    )


def procedures_most_used_first(helper, recent=200):
    """The procedure choices, those in ``helper``'s recent accompaniments first."""
    uses = Counter(
        procedure
        for procedures in Accompaniment.objects.given_by(helper)
        .order_by("-date", "-pk")
        .values_list("procedures", flat=True)[:recent]
        for procedure in procedures or []
    )
    order = {value: position for position, (value, _label) in enumerate(PROCEDURE_CHOICES)}
    return sorted(PROCEDURE_CHOICES, key=lambda choice: (-uses[choice[0]], order[choice[0]]))


@transaction.atomic
def save_accompaniment(*, helper, accompaniment, themes, people=None):
    """Create or update ``accompaniment`` for ``helper`` at the helper's structure.

    ``people``: the register entries who came (None leaves them as they were).
    """
    if accompaniment.pk is None:
        accompaniment.helper = helper
        accompaniment.structure = helper.helper_profile.structure
    if accompaniment.kind == Accompaniment.Kind.INDIVIDUAL:
        accompaniment.participants = 1
    if people is not None:
        accompaniment.registered_participants = len(people)
        accounts = [p.learner for p in people if p.learner_id]
        accompaniment.learner = accounts[0] if len(people) == 1 and accounts else None
    codes = [competence.code for competence in themes]
    accompaniment.cra_themes = cra.themes_for(
        accompaniment.cra_themes, codes, accompaniment.procedures
    )
    accompaniment.full_clean()
    accompaniment.flag_if_unusual()
    accompaniment.save()
    accompaniment.themes.set(themes)
    if people is not None:
        accompaniment.beneficiaries.set(people)
    if accompaniment.learner_id:
        touch_learner(accompaniment.learner)
    return accompaniment


@transaction.atomic
def delete_accompaniment(*, accompaniment):
    accompaniment.delete()


def breakdown_columns():
    """The anonymous counts' columns: ``age_under_12`` … ``situation_not_given``."""
    return [
        f"{dimension}_{value}"
        for dimension, (choices, _legend) in cra.DIMENSIONS.items()
        for value in [*choices.values, cra.NOT_GIVEN]
    ]


EXPORT_COLUMNS = [
    "ref",
    "date",
    "kind",
    "participants",
    "duration_minutes",
    "place",
    "postal_code",
    "equipment",
    "themes",
    "procedures",
    "autonomy",
    "first_time",
    "redirected_to",
    # The national report's (CRA) fields, mapped in the README.
    "structure_ref",
    "activity_place_ref",
    "commune_code",
    "commune",
    "cra_themes",
    "workshop_title",
    "workshop_level",
    "age_bracket",
    "gender",
    "situation",
    *breakdown_columns(),
    "learner",
    "notes",
]
PRIVATE_COLUMNS = 2  # learner and notes: the helper's own follow-up, not for the partner


def _commune_name(accompaniment):
    country = country_of_postal_code(accompaniment.postal_code)
    found = communes.commune(country, accompaniment.commune_code) if country else None
    return found.name if found else ""


def export_rows(queryset, *, private=True):
    """Header and rows of accompaniments, for CSV and XLSX (columns: ``EXPORT_COLUMNS``, less
    the learner and the notes unless ``private``: the helper's own download)."""
    end = None if private else -PRIVATE_COLUMNS
    yield EXPORT_COLUMNS[:end]
    for item in queryset.select_related(
        "redirected_to", "learner__learner_profile", "structure", "activity_place"
    ).prefetch_related("themes"):
        learner = ""
        if item.learner_id:
            profile = getattr(item.learner, "learner_profile", None)
            learner = (profile.card_username if profile else None) or item.learner.email or ""
        codes = sorted(t.code for t in item.themes.all())
        individual = item.kind == Accompaniment.Kind.INDIVIDUAL
        person = [cra.single(item.breakdown, d) if individual else "" for d in cra.DIMENSIONS]
        counts = [
            "" if individual else people
            for dimension in cra.DIMENSIONS
            for people in cra.counts(item.breakdown, item.participants, dimension).values()
        ]
        row = [
            item.ref,
            item.date.isoformat(),
            item.kind,
            item.participants,
            item.duration_minutes,
            item.place,
            item.postal_code,
            "|".join(item.equipment),
            "|".join(codes),
            "|".join(item.procedures),
            item.autonomy,
            "" if item.first_time is None else ("yes" if item.first_time else "no"),
            item.redirected_to.code if item.redirected_to_id else "",
            item.structure.ref,
            item.activity_place.ref if item.activity_place_id else "",
            item.commune_code,
            _commune_name(item),
            "|".join(cra.themes_for(item.cra_themes, codes, item.procedures)),
            item.workshop_title,
            item.workshop_level,
            *person,
            *counts,
            learner,
            item.notes,
        ]
        yield row[:end]

"""Programme indicators, computed by the database (PRODUCT.md section 3).

Each source of records (accompaniments, first visits of the register, trainings, ...) is one
aggregate query grouped by semester and by one dimension (partner, country, region, département /
province or cross-border zone), with one aggregate per indicator it feeds; with the semesters,
targets and partners that makes a constant number of queries whatever the volume of data.
Semesters are buckets built with ``Case``: a record whose date falls outside every semester of
the programme gets no bucket and counts nowhere.

Territory: every territorial breakdown (country, region, département / province, zone) is taken
from where the work happened, and all four from the same place, so they agree with each other:
a structure is where its postal code is; an accompaniment at its place of activity when it has
one, else at its structure (its people at the structure whose register they are in); a helper
trained and a webinar attendance where the helper's structure is (not where the session's
partner is); a training held where the session took place (its postal code in its partner's
country) when in person, else where its partner is (a country and a region, nothing finer).
Platform sessions know the region of the helper's structure only; their country follows from
it. Whatever cannot be placed (a helper without a structure, an erased account, a platform
session without a region, any platform session by partner) counts in a "Not known" row, so the
rows of every breakdown add up to the total for every indicator and semester.
"""

import dataclasses
from decimal import ROUND_HALF_UP, Decimal
from typing import NamedTuple
from zoneinfo import ZoneInfo

from django.db.models import (
    Case,
    CharField,
    Count,
    F,
    IntegerField,
    Sum,
    Value,
    When,
    Window,
)
from django.db.models.functions import Coalesce, NullIf, RowNumber, TruncDate
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.access import partner_path
from helpers.models import Accompaniment
from partners.models import Country, Partner, Structure
from partners.territory import DEPARTMENT_NAMES, REGION_COUNTRY
from reporting import people
from reporting.freshness import shared
from reporting.models import DailyPlatformSessions, Indicator, Target
from training.models import Participation, SessionKind

PARIS = ZoneInfo("Europe/Paris")
ALL = "ALL"
UNKNOWN = "unknown"  # the key of the "Not known" row of every breakdown
UNKNOWN_REGION = UNKNOWN  # what platform sessions record when the region is not known


class Dimension:
    PARTNER = "partner"
    COUNTRY = "country"
    REGION = "region"
    DEPARTMENT = "department"
    ZONE = "zone"
    CHOICES = [
        (PARTNER, _("Partner")),
        (COUNTRY, _("Country")),
        (REGION, _("Region")),
        (DEPARTMENT, _("Département or province")),
        (ZONE, _("Cross-border zone")),
    ]


def _territory(prefix):
    """Paths to the territory of a record placed at a structure (``prefix`` leads to it)."""
    return {
        "country": f"{prefix}country",
        "region": f"{prefix}region",
        "department": f"{prefix}department",
        "zone": f"{prefix}in_cross_border_zone",
    }


def _place_of_activity():
    """The territory of an accompaniment: its place of activity when given, else its structure."""
    place, structure = _territory("activity_place__"), _territory("structure__")
    return {
        dimension: Case(
            When(activity_place__isnull=False, then=F(place[dimension])),
            default=F(structure[dimension]),
        )
        for dimension in place
    }


def _country_of_region(field):
    """The country of the region in ``field`` (NULL for a region we do not know)."""
    by_country = {}
    for region, country in REGION_COUNTRY.items():
        by_country.setdefault(country, []).append(region)
    return Case(
        *[
            When(**{f"{field}__in": sorted(regions)}, then=Value(country))
            for country, regions in sorted(by_country.items())
        ],
        default=None,
        output_field=CharField(),
    )


# Where each indicator finds each dimension: a field path or an expression; None when nothing
# of the indicator can be attributed that way (it all counts under "Not known"). Partners by id,
# named afterwards: grouping by the partner's code would join the partners to every record.
_HELPER = "person__helper_profile__structure__"
_PATHS = {
    Indicator.HELPERS_TRAINED: {"partner": "session__partner", **_territory(_HELPER)},
    Indicator.STRUCTURES_AFFILIATED: {"partner": "partner", **_territory("")},
    Indicator.ACCOMPANIMENTS: {"partner": "structure__partner", **_place_of_activity()},
    Indicator.PLATFORM_SESSIONS: {
        "partner": None,
        "country": _country_of_region("region"),
        "region": "region",
        "department": None,
        "zone": None,
    },
    Indicator.TRAININGS_HELD: {
        "partner": "session__partner",
        "country": "session__partner__country",
        "region": Coalesce(NullIf(F("session__region"), Value("")), F("session__partner__region")),
        "department": "session__department",
        "zone": "session__in_cross_border_zone",
    },
    Indicator.WEBINAR_ATTENDANCES: {"partner": "session__partner", **_territory(_HELPER)},
}
# Register entries and accompaniments both lead to their structure the same way; people count at
# the structure whose register they are in.
_PATHS[Indicator.PEOPLE_REACHED] = _PATHS[Indicator.NEW_PEOPLE] = {
    "partner": "structure__partner",
    **_territory("structure__"),
}


def semester_case(field, semesters):
    """``Case`` giving the number of the semester whose dates contain ``field`` (else NULL)."""
    return Case(
        *[
            When(**{f"{field}__gte": s.start, f"{field}__lte": s.end}, then=Value(s.number))
            for s in semesters
        ],
        default=None,
        output_field=IntegerField(),
    )


def _session_day():
    return TruncDate("session__starts_at", tzinfo=PARIS)


def _first_trainings():
    """Each person's first present attendance at an awareness or training session.

    A person whose account was erased keeps their attendances (person NULL); each such
    attendance stands for one person, as we can no longer tell them apart.
    """
    ranked = (
        Participation.objects.present()
        .at_trainings()
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=[Coalesce(F("person_id"), -F("id"))],
                order_by=[F("session__starts_at").asc(), F("id").asc()],
            )
        )
        .filter(rank=1)
    )
    return Participation.objects.filter(pk__in=ranked.values("pk"))


class Part(NamedTuple):
    indicator: str
    aggregate: object


class Source(NamedTuple):
    """Records that one query adds up into one or more indicators (one aggregate each)."""

    queryset: object
    parts: list
    via: str = ""  # from the queryset's rows to the records the indicators' _PATHS start from

    @property
    def partner_lookup(self):
        """From the queryset's rows to their partner; None when they have no partner."""
        model = self.queryset.model
        for name in filter(None, self.via.split("__")):
            model = model._meta.get_field(name).related_model
        path = partner_path(model)
        return None if path is None else self.via + path

    def path(self, indicator, dimension):
        path = _PATHS[indicator][dimension]
        if path is None:
            return Value(None, output_field=CharField())
        return F(self.via + path) if isinstance(path, str) else path


def _sources():
    present = Participation.objects.present()
    webinars = present.filter(session__kind=SessionKind.WEBINAR)
    return [
        Source(
            _first_trainings().annotate(on_day=_session_day()),
            [Part(Indicator.HELPERS_TRAINED, Count("id"))],
        ),
        Source(
            Structure.objects.approved().annotate(on_day=F("affiliated_on")),
            [Part(Indicator.STRUCTURES_AFFILIATED, Count("id"))],
        ),
        # People reached and new people are each the sum of two parts: the participants not in
        # the register (counted with the accompaniments) and the register's people.
        Source(
            Accompaniment.objects.counted(in_bulk=True).annotate(on_day=F("date")),
            [
                Part(Indicator.ACCOMPANIMENTS, Sum("participants")),
                Part(Indicator.PEOPLE_REACHED, people.other_people()),
                Part(Indicator.NEW_PEOPLE, people.other_new_people()),
            ],
        ),
        Source(
            people.first_visits(),
            [
                Part(Indicator.PEOPLE_REACHED, people.register_people()),
                Part(Indicator.NEW_PEOPLE, people.register_new_people()),
            ],
            via=people.VIA_ENTRY,
        ),
        Source(
            DailyPlatformSessions.objects.annotate(on_day=F("day")),
            [Part(Indicator.PLATFORM_SESSIONS, Sum("sessions"))],
        ),
        Source(
            present.at_trainings().annotate(on_day=_session_day()),
            [Part(Indicator.TRAININGS_HELD, Count("session", distinct=True))],
        ),
        Source(
            webinars.annotate(on_day=_session_day()),
            [Part(Indicator.WEBINAR_ATTENDANCES, Count("id"))],
        ),
    ]


def _percent(cumulative, target):
    if not target:
        return None
    value = Decimal(cumulative) * 100 / Decimal(target)
    return value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


@dataclasses.dataclass
class Row:
    semester: object
    key: str
    label: str
    indicator: str
    value: int | None
    cumulative: int | None
    target: int | None
    percent_of_target: Decimal | None

    @property
    def indicator_label(self):
        return Indicator(self.indicator).label

    @property
    def bar_width(self):
        """Progress bar width in percent of the track (capped at 100)."""
        return min(float(self.percent_of_target or 0), 100.0)

    def as_dict(self):
        return {
            "semester": self.semester.code,
            "partner": self.key,
            "indicator": self.indicator,
            "value": self.value,
            "cumulative": self.cumulative,
            "target": self.target,
            "percent_of_target": (
                None if self.percent_of_target is None else str(self.percent_of_target)
            ),
        }


@dataclasses.dataclass
class Figures:
    """Indicator values of a programme per semester × dimension value, and the totals."""

    programme: object
    semesters: list
    dimension: str
    keys: list  # [(key, label)] of the dimension, in display order
    values: dict  # (indicator, semester number, key) -> value; key ALL for totals
    targets: dict  # (indicator, key) -> target value
    indicators: list
    computed_at: object = None

    def value(self, indicator, semester, key=ALL):
        return self.values.get((indicator, semester.number, key), 0)

    def rows(self, *, semester=None, totals=True, parts=True):
        """Report rows, semester by semester: the dimension values, then the ALL totals."""
        out = []
        columns = ([(k, lbl) for k, lbl in self.keys] if parts else []) + (
            [(ALL, _("All"))] if totals else []
        )
        for key, label in columns:
            for indicator in self.indicators:
                if key not in (ALL, UNKNOWN) and _PATHS[indicator][self.dimension] is None:
                    continue  # e.g. platform sessions: no partner's, all of them "Not known"
                cumulative = 0
                for s in self.semesters:
                    value = self.value(indicator, s, key)
                    cumulative += value
                    target = self.targets.get((indicator, key))
                    if semester is None or s.number == semester.number:
                        out.append(
                            Row(
                                s,
                                key,
                                label,
                                indicator,
                                value,
                                cumulative,
                                target,
                                _percent(cumulative, target),
                            )
                        )
        order = {s.number: i for i, s in enumerate(self.semesters)}
        position = {key: i for i, (key, _label) in enumerate(columns)}
        indicator_order = {ind: i for i, ind in enumerate(self.indicators)}
        out.sort(
            key=lambda r: (order[r.semester.number], position[r.key], indicator_order[r.indicator])
        )
        return out


def compute(programme, *, dimension=Dimension.PARTNER, partner=None, indicators=None):
    """All indicators of ``programme`` per semester, split by ``dimension``.

    ``partner`` restricts every figure to that partner's records (operator dashboards);
    indicators that cannot be attributed to a partner are then left out.
    """
    semesters = list(programme.semesters.order_by("number"))
    indicators = list(indicators or Indicator.values)
    sources = _sources()
    if partner is not None:
        unscoped = {p.indicator for s in sources if not s.partner_lookup for p in s.parts}
        indicators = [i for i in indicators if i not in unscoped]
    partners = _listed_partners(dimension, partner)
    codes = {p.pk: p.code for p in partners}
    values = {}
    for source in sources if semesters else []:
        parts = [part for part in source.parts if part.indicator in indicators]
        if parts:
            _add_up(values, source, parts, semesters, dimension, partner, codes)
    targets = _targets(programme, dimension, partner)
    keys = _keys(dimension, partners, values)
    return Figures(programme, semesters, dimension, keys, values, targets, indicators)


def _listed_partners(dimension, partner):
    """The partners whose rows a breakdown by partner lists, or whose regions one by region
    lists (all of them, so that an operator's regions read like everyone's)."""
    if dimension == Dimension.PARTNER:
        return list(Partner.objects.all()) if partner is None else [partner]
    if dimension == Dimension.REGION:
        return list(Partner.objects.all())
    return []


def _add_up(values, source, parts, semesters, dimension, partner, codes):
    """Add the totals of ``parts`` per semester and dimension value into ``values``: one query,
    grouped by every place the parts look at (an accompaniment's figures at its place of
    activity, its people at their register's structure)."""
    queryset = source.queryset
    if partner is not None:
        queryset = queryset.filter(**{source.partner_lookup: partner})
    places, place_of = [], []  # the distinct places, and which one each part looks at
    for part in parts:
        path = source.path(part.indicator, dimension)
        if path not in places:
            places.append(path)
        place_of.append(places.index(path))
    rows = (
        queryset.annotate(
            semester_number=semester_case("on_day", semesters),
            **{f"dim{i}": place for i, place in enumerate(places)},
        )
        .filter(on_day__gte=semesters[0].start, on_day__lte=semesters[-1].end)
        .order_by()
        .values("semester_number", *(f"dim{i}" for i in range(len(places))))
        .annotate(**{f"total{i}": part.aggregate for i, part in enumerate(parts)})
    )
    for row in rows:
        for i, part in enumerate(parts):
            total = row[f"total{i}"] or 0
            key = _dimension_key(dimension, row[f"dim{place_of[i]}"], codes)
            for counted in (ALL, key):
                cell = (Indicator(part.indicator).value, row["semester_number"], counted)
                values[cell] = values.get(cell, 0) + total


def compute_cached(programme, *, dimension=Dimension.PARTNER, partner=None, version=...):
    """``compute``, shared by dashboards and downloads until the data changes (exact)."""

    def computed():
        figures = compute(programme, dimension=dimension, partner=partner)
        figures.computed_at = timezone.now()
        return figures

    parts = ["figures", programme.pk, dimension, partner.pk if partner else "all"]
    return shared(parts, computed, version)


def _dimension_key(dimension, raw, codes):
    if dimension == Dimension.PARTNER:
        return codes.get(raw, UNKNOWN)
    if dimension == Dimension.ZONE:
        return UNKNOWN if raw is None else "in_zone" if raw else "outside_zone"
    if raw in (None, ""):
        return UNKNOWN
    return raw


def _targets(programme, dimension, partner):
    targets = {}
    for target in Target.objects.filter(programme=programme).select_related("partner"):
        if target.partner_id is None:
            if partner is None:
                targets[(target.indicator, ALL)] = target.value
        elif dimension == Dimension.PARTNER:
            targets[(target.indicator, target.partner.code)] = target.value
            if partner is not None and target.partner_id == partner.pk:
                targets[(target.indicator, ALL)] = target.value
    return targets


def _keys(dimension, partners, values):
    """The rows of the breakdown: each value of the dimension, then "Not known" when anything
    is, so that the rows add up to the total."""
    found = {key for (_i, _s, key), value in values.items() if value and key != ALL}
    if dimension == Dimension.PARTNER:
        keys = [(p.code, p.name) for p in partners]
    elif dimension == Dimension.COUNTRY:
        keys = list(Country.choices)
    elif dimension == Dimension.ZONE:
        keys = [("in_zone", _("In the cross-border zone")), ("outside_zone", _("Outside the zone"))]
    elif dimension == Dimension.DEPARTMENT:
        keys = [(code, DEPARTMENT_NAMES.get(code, code)) for code in sorted(found - {UNKNOWN})]
    else:
        regions = {p.region for p in partners} | (found - {UNKNOWN})
        keys = [(region, region) for region in sorted(regions)]
    listed = {key for key, _label in keys}
    # Keys no longer in the reference data (e.g. a region renamed since it was recorded).
    keys += [(key, key) for key in sorted(found - listed - {UNKNOWN})]
    if UNKNOWN in found:
        keys.append((UNKNOWN, _("Not known")))
    return keys


def today():
    from django.utils import timezone

    return timezone.localdate()


def semester_is_closed(semester, on=None):
    return semester.end < (on or today())


def find_semester(programme, code):
    """The semester ``S<n>`` of ``programme``, or None."""
    code = (code or "").strip().upper()
    if not (code.startswith("S") and code[1:].isdigit()):
        return None
    return programme.semesters.filter(number=int(code[1:])).first()

"""Import of accompaniments:
``ref,date,helper_email,structure_ref,kind,participants,duration_minutes,themes,place,postal_code``,
and, optionally, the national report's (CRA) columns of the export (``OPTIONAL_FIELDS``). A
column left out of the file leaves that value of an existing accompaniment as it was.

Built for volume (tens of thousands of rows): every lookup is fetched once before the rows are
checked, and writing is a handful of bulk statements, history rows included.
"""

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from courses.models import Competence
from helpers import cra, limits
from helpers.models import Accompaniment, Membership
from helpers.services.accompaniments import EQUIPMENT_CHOICES, PROCEDURE_CHOICES
from partners import communes
from partners.imports.common import Importer, RowError, chunked, normalize_email, users_by_email
from partners.territory import country_of_postal_code


def valid_code(code):
    try:
        cra.valid_commune_code(code)
    except ValidationError:
        return False
    return True


COMPARED = ["date", "helper_id", "structure_id", "kind", "participants", "duration_minutes"]
COMPARED += ["place", "postal_code"]
PERSON_COLUMNS = ("age_bracket", "gender", "situation")  # one person: their values
COUNT_COLUMNS = tuple(  # a workshop: how many people of each value ("not given": the rest)
    f"{dimension}_{value}"
    for dimension, (choices, _legend) in cra.DIMENSIONS.items()
    for value in choices.values
)
NOT_GIVEN_COLUMNS = tuple(f"{dimension}_{cra.NOT_GIVEN}" for dimension in cra.DIMENSIONS)
# Optional field → the columns that give it.
OPTIONAL_FIELDS = {
    "activity_place_id": ("activity_place_ref",),
    "commune_code": ("commune_code",),
    "equipment": ("equipment",),
    "procedures": ("procedures",),
    "autonomy": ("autonomy",),
    "cra_themes": ("cra_themes",),
    "workshop_title": ("workshop_title",),
    "workshop_level": ("workshop_level",),
    "breakdown": PERSON_COLUMNS + COUNT_COLUMNS,
}


class AccompanimentImporter(Importer):
    kind = "accompaniments"
    model = Accompaniment
    columns = (
        "ref",
        "date",
        "helper_email",
        "structure_ref",
        "kind",
        "participants",
        "duration_minutes",
        "themes",
        "place",
        "postal_code",
    )
    optional_columns = (
        *[column for columns in OPTIONAL_FIELDS.values() for column in columns],
        *NOT_GIVEN_COLUMNS,  # as the export writes them; worked out again, so not read
    )
    required = (
        "ref",
        "date",
        "helper_email",
        "structure_ref",
        "kind",
        "participants",
        "duration_minutes",
    )

    def check(self, records):
        refs, emails, structure_refs = set(), set(), set()
        for _n, record in records:
            refs.add(record.get("ref", "").strip())
            emails.add(normalize_email(record.get("helper_email")))
            structure_refs.add(record.get("structure_ref", "").strip())
        self.helpers = users_by_email(emails)
        self.structures = self.structures_by_ref(structure_refs)
        # (helper, structure) pairs where the structure's partner approved the helper.
        self.members = set()
        helper_ids = [h.pk for h in self.helpers.values()]
        for part in chunked(helper_ids):
            self.members.update(
                Membership.objects.counted()
                .filter(helper_id__in=part)
                .values_list("helper_id", "structure_id")
            )
        self.competences = dict(Competence.objects.current().values_list("code", "pk"))
        self.optional = [
            field
            for field, columns in OPTIONAL_FIELDS.items()
            if any(column in self.header for column in columns)
        ]
        places = {record.get("activity_place_ref", "").strip() for _n, record in records}
        self.places = self.structures_by_ref(places - {""})
        self.existing = {}
        self.existing_themes = {}
        for part in chunked(sorted(refs)):
            found = Accompaniment.objects.filter(ref__in=part).select_related("structure")
            for accompaniment in found:
                self.existing[accompaniment.ref] = accompaniment
                self.existing_themes[accompaniment.pk] = set()
        through = Accompaniment.themes.through
        for part in chunked(list(self.existing_themes)):
            pairs = through.objects.filter(accompaniment_id__in=part)
            for accompaniment_id, competence_id in pairs.values_list(
                "accompaniment_id", "competence_id"
            ):
                self.existing_themes[accompaniment_id].add(competence_id)
        self.today = timezone.localdate()
        self.seen = {}
        self.to_create, self.to_update = [], []
        self.themes = []  # (Accompaniment, set of competence ids or None when unchanged)
        self.run_rows(records, len(records))

    def check_row(self, number, record):
        ref = self.text(record, "ref", max_length=50)
        self.first_seen(self.seen, ref, number, "ref", _("Reference"))
        date = self.date(record, "date")
        email = self.email(record, "helper_email")
        helper = self.helpers.get(email)
        if helper is None or not hasattr(helper, "helper_profile"):
            raise RowError(
                "helper_email",
                _("No helper has the e-mail address “%(value)s”.") % {"value": email},
            )
        structure_ref = self.text(record, "structure_ref")
        structure = self.structures.get(structure_ref)
        if structure is None:
            raise RowError(
                "structure_ref", _("Unknown structure “%(value)s”.") % {"value": structure_ref}
            )
        if (helper.pk, structure.pk) not in self.members:
            raise RowError(
                "helper_email",
                _("This helper is not an approved helper of structure “%(value)s”.")
                % {"value": structure_ref},
            )
        kind = self.choice(record, "kind", set(Accompaniment.Kind.values))
        participants = self.integer(record, "participants", minimum=1)
        duration = self.integer(record, "duration_minutes", minimum=1)
        # The same limits as the helper's form and the admin, reported on the first column.
        found = limits.problems(
            kind=kind,
            participants=participants,
            duration_minutes=duration,
            date=date,
            today=self.today,
        )
        for column in ("date", "participants", "duration_minutes"):
            if column in found:
                raise RowError(column, found[column])
        themes = set()
        for code in filter(None, (part.strip() for part in record.get("themes", "").split("|"))):
            if code not in self.competences:
                raise RowError(
                    "themes", _("“%(value)s” is not a DigComp competence code.") % {"value": code}
                )
            themes.add(self.competences[code])
        place = self.choice(record, "place", set(Accompaniment.Place.values))
        postal_code = self.text(record, "postal_code", max_length=10)
        optional = self.national_report_values(record, kind, participants, postal_code)
        values = {
            "date": date,
            "helper_id": helper.pk,
            "structure_id": structure.pk,
            "kind": kind,
            "participants": participants,
            "duration_minutes": duration,
            "place": place or Accompaniment.Place.STRUCTURE,
            "postal_code": postal_code,
            **{field: optional[field] for field in self.optional},
        }
        if "commune_code" not in values and optional["commune_code"]:
            values["commune_code"] = optional["commune_code"]  # the postal code's one commune
        if "cra_themes" in values or ref not in self.existing:
            codes = [code for code, pk in self.competences.items() if pk in themes]
            known = self.existing.get(ref)
            procedures = values.get("procedures", known.procedures if known else [])
            values["cra_themes"] = cra.themes_for(values.get("cra_themes", []), codes, procedures)
        accompaniment = self.existing.get(ref)
        if accompaniment is None:
            accompaniment = Accompaniment(ref=ref, **values)
            accompaniment.flag_if_unusual(late_matters=False)
            self.to_create.append(accompaniment)
            self.themes.append((accompaniment, themes))
            self.created += 1
            return
        if self.partner is not None and accompaniment.structure.partner_id != self.partner.pk:
            raise RowError("ref", _("This reference belongs to another partner."))
        changed = [f for f in values if getattr(accompaniment, f) != values[f]]
        themes_changed = self.existing_themes[accompaniment.pk] != themes
        if not changed and not themes_changed:
            self.unchanged += 1
            return
        for field in changed:
            setattr(accompaniment, field, values[field])
        accompaniment.flag_if_unusual(late_matters=False)
        self.to_update.append(accompaniment)
        self.themes.append((accompaniment, themes if themes_changed else None))
        self.updated += 1

    def national_report_values(self, record, kind, participants, postal_code):
        """The optional CRA columns, checked; only those of the file's columns are used."""
        collective = kind == Accompaniment.Kind.COLLECTIVE
        place_ref = self.text(record, "activity_place_ref")
        if place_ref and place_ref not in self.places:
            raise RowError(
                "activity_place_ref",
                _("No structure of your partner has the reference “%(value)s”.")
                % {"value": place_ref},
            )
        title = self.text(record, "workshop_title", max_length=120)
        level = self.choice(record, "workshop_level", set(cra.WorkshopLevel.values))
        for column, value in (("workshop_title", title), ("workshop_level", level)):
            if value and not collective:
                raise RowError(column, _("Only a collective workshop has a title and a level."))
        return {
            "activity_place_id": self.places[place_ref].pk if place_ref else None,
            "commune_code": self.commune(record, postal_code),
            "equipment": self.choices(record, "equipment", EQUIPMENT_CHOICES),
            "procedures": self.choices(record, "procedures", PROCEDURE_CHOICES),
            "autonomy": self.choice(record, "autonomy", set(Accompaniment.Autonomy.values)),
            "cra_themes": self.choices(record, "cra_themes", cra.Theme.choices),
            "workshop_title": title,
            "workshop_level": level,
            "breakdown": self.breakdown(record, collective, participants),
        }

    def choices(self, record, column, allowed):
        """A ``|``-separated list of values of ``allowed``, in the order of ``allowed``."""
        keys = [key for key, _label in allowed]
        given = {part.strip() for part in record.get(column, "").split("|")} - {""}
        unknown = sorted(given - set(keys))
        if unknown:
            raise RowError(
                column,
                _("“%(value)s” is not allowed; use one of: %(allowed)s.")
                % {"value": unknown[0], "allowed": ", ".join(keys)},
            )
        return [key for key in keys if key in given]

    def commune(self, record, postal_code):
        """The commune's code: the one of the postal code, or one it covers (checked)."""
        code = self.text(record, "commune_code").upper()
        country = country_of_postal_code(postal_code)
        if code and not country:
            raise RowError("commune_code", _("Give the postal code of the commune too."))
        if code:
            if not valid_code(code):
                raise RowError("commune_code", str(cra.valid_commune_code.message))
            if communes.is_known(country, postal_code) and not communes.covers(
                country, postal_code, code
            ):
                raise RowError(
                    "commune_code",
                    _("The commune %(code)s does not have the postal code %(postal_code)s.")
                    % {"code": code, "postal_code": postal_code},
                )
            return code
        found = communes.communes_for(postal_code, country) if country else []
        return found[0].code if len(found) == 1 else ""  # several: not given

    def breakdown(self, record, collective, participants):
        """Who came, anonymously: one person's values, or a workshop's counts per value."""
        if not collective:
            for column in COUNT_COLUMNS:
                if record.get(column, "").strip():
                    raise RowError(
                        column, _("Counts are for a workshop; for one person, use age_bracket.")
                    )
            return cra.of_person(
                **{
                    dimension: self.choice(record, column, set(choices.values))
                    for column, (dimension, (choices, _legend)) in zip(
                        PERSON_COLUMNS, cra.DIMENSIONS.items(), strict=True
                    )
                }
            )
        breakdown = {}
        for column in PERSON_COLUMNS:
            if record.get(column, "").strip():
                raise RowError(column, _("For a workshop, give the counts (age_… columns)."))
        for dimension, (choices, _legend) in cra.DIMENSIONS.items():
            given = {}
            for value in choices.values:
                column = f"{dimension}_{value}"
                people = self.integer(record, column, minimum=0)
                if people:
                    given[value] = people
                if participants and sum(given.values()) > participants:
                    raise RowError(
                        column,
                        _(
                            "The people counted by %(dimension)s are more than the "
                            "%(count)s participants."
                        )
                        % {"dimension": cra.DIMENSION_NAMES[dimension], "count": participants},
                    )
            if given:
                breakdown[dimension] = given
        return breakdown

    def write(self):
        through = Accompaniment.themes.through
        if self.to_create:
            bulk_create_with_history(
                self.to_create, Accompaniment, batch_size=1000, default_user=self.user
            )
        if self.to_update:
            now = timezone.now()
            for accompaniment in self.to_update:
                accompaniment.updated_at = now
            bulk_update_with_history(
                self.to_update,
                Accompaniment,
                fields=[f.removesuffix("_id") for f in COMPARED + list(OPTIONAL_FIELDS)]
                + ["updated_at", "review_reasons"],
                batch_size=1000,
                default_user=self.user,
            )
            updated = {a.pk for a in self.to_update}
            replaced = [a.pk for a, themes in self.themes if a.pk in updated and themes is not None]
            for part in chunked(replaced):
                through.objects.filter(accompaniment_id__in=part).delete()
        links = [
            through(accompaniment_id=accompaniment.pk, competence_id=competence_id)
            for accompaniment, competence_ids in self.themes
            if competence_ids
            for competence_id in competence_ids
        ]
        through.objects.bulk_create(links, batch_size=2000)

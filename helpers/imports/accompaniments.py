"""Import of accompaniments:
``ref,date,helper_email,structure_ref,kind,participants,duration_minutes,themes,place,postal_code``.

Built for volume (tens of thousands of rows): every lookup is fetched once before the rows are
checked, and writing is a handful of bulk statements, history rows included.
"""

from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from courses.models import Competence
from helpers import limits
from helpers.models import Accompaniment, Membership
from partners.imports.common import Importer, RowError, chunked, normalize_email, users_by_email

COMPARED = ["date", "helper_id", "structure_id", "kind", "participants", "duration_minutes"]
COMPARED += ["place", "postal_code"]


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
        values = {
            "date": date,
            "helper_id": helper.pk,
            "structure_id": structure.pk,
            "kind": kind,
            "participants": participants,
            "duration_minutes": duration,
            "place": place or Accompaniment.Place.STRUCTURE,
            "postal_code": postal_code,
        }
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
        changed = [f for f in COMPARED if getattr(accompaniment, f) != values[f]]
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
                fields=[f.removesuffix("_id") for f in COMPARED] + ["updated_at", "review_reasons"],
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

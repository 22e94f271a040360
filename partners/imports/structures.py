"""Import of structures:
``ref,name,kind,partner,country,postal_code,city,registration_number,affiliated_on``.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from crosslearn.lib.identifiers import validate_registration_number
from partners.imports.common import Importer, RowError
from partners.models import Country, Partner, Structure, StructureKind, zone_lookup
from partners.territory import country_of_postal_code, locate

COMPARED = [
    "name",
    "kind_id",
    "partner_id",
    "country",
    "postal_code",
    "city",
    "registration_number",
    "affiliated_on",
    "in_cross_border_zone",
    "department",
    "region",
]


class StructureImporter(Importer):
    kind = "structures"
    model = Structure
    columns = (
        "ref",
        "name",
        "kind",
        "partner",
        "country",
        "postal_code",
        "city",
        "registration_number",
        "affiliated_on",
    )
    required = ("ref", "name", "kind", "partner", "country", "postal_code", "city")

    def check(self, records):
        self.partners = {p.code.upper(): p for p in Partner.objects.all()}
        self.kinds = {k.code: k for k in StructureKind.objects.all()}
        self.in_zone = zone_lookup()
        refs = {record.get("ref", "").strip() for _n, record in records}
        self.existing = {}
        from partners.imports.common import chunked

        for part in chunked(sorted(refs)):
            for structure in Structure.objects.filter(ref__in=part):
                self.existing[structure.ref] = structure
        self.seen = {}
        self.to_create, self.to_update = [], []
        self.run_rows(records, len(records))

    def check_row(self, number, record):
        ref = self.text(record, "ref", max_length=50)
        self.first_seen(self.seen, ref, number, "ref", _("Reference"))
        name = self.text(record, "name", max_length=200)
        kind_code = self.text(record, "kind")
        kind = self.kinds.get(kind_code)
        if kind is None:
            raise RowError(
                "kind",
                _("Unknown structure kind “%(value)s”; use one of: %(allowed)s.")
                % {"value": kind_code, "allowed": ", ".join(self.kinds)},
            )
        partner = self.partner_code(record, "partner", self.partners)
        country = self.choice(record, "country", set(Country.values))
        postal_code = self.text(record, "postal_code", max_length=10)
        city = self.text(record, "city", max_length=100)
        try:
            registration = validate_registration_number(
                country, self.text(record, "registration_number", max_length=20)
            )
        except ValidationError as error:
            raise RowError("registration_number", " ".join(error.messages)) from None
        affiliated_on = self.date(record, "affiliated_on")
        place = locate(country, postal_code)
        self.warn_about_territory(number, partner, country, postal_code)
        values = {
            "name": name,
            "kind_id": kind.pk,
            "partner_id": partner.pk,
            "country": country,
            "postal_code": postal_code,
            "city": city,
            "registration_number": registration,
            "affiliated_on": affiliated_on,
            "in_cross_border_zone": self.in_zone(country, postal_code),
            "department": place.department,
            "region": place.region,
        }
        structure = self.existing.get(ref)
        if structure is None:
            self.to_create.append(Structure(ref=ref, status=Structure.Status.APPROVED, **values))
            self.created += 1
            return
        if self.partner is not None and structure.partner_id != self.partner.pk:
            raise RowError("ref", _("This reference belongs to another partner."))
        changed = [field for field in COMPARED if getattr(structure, field) != values[field]]
        if not changed:
            self.unchanged += 1
            return
        for field in changed:
            setattr(structure, field, values[field])
        self.to_update.append(structure)
        self.updated += 1

    def warn_about_territory(self, number, partner, country, postal_code):
        """Accepted, but said: a structure outside its partner's country, or a postal code
        that is not written as the country's are (its département or province is not known)."""
        written_as = country_of_postal_code(postal_code)
        countries = dict(Country.choices)
        if written_as is None or written_as != country:
            self.warning(
                number,
                "postal_code",
                _(
                    "“%(code)s” is not written as a postal code of %(country)s; the structure "
                    "counts under “Not known” for its département or province and its region."
                )
                % {"code": postal_code, "country": countries[country]},
            )
        elif country != partner.country:
            self.warning(
                number,
                "postal_code",
                _(
                    "This structure is in %(country)s but its partner %(partner)s works in "
                    "%(partner_country)s: check the country and the postal code. It counts "
                    "where it is, in %(country)s."
                )
                % {
                    "country": countries[country],
                    "partner": partner.code,
                    "partner_country": countries[partner.country],
                },
            )

    def write(self):
        if self.to_create:
            bulk_create_with_history(
                self.to_create, Structure, batch_size=1000, default_user=self.user
            )
        if self.to_update:
            bulk_update_with_history(
                self.to_update,
                Structure,
                fields=[f.removesuffix("_id") for f in COMPARED],
                batch_size=1000,
                default_user=self.user,
            )

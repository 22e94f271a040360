from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.access import ScopedQuerySet
from crosslearn.lib.caching import StaleOnWriteQuerySet


class Country(models.TextChoices):
    FRANCE = "FR", _("France")
    BELGIUM = "BE", _("Belgium")


class PartnerQuerySet(StaleOnWriteQuerySet, ScopedQuerySet):
    partner_path = "pk"


class Partner(models.Model):
    """An operator of the programme (WeTechCare, Emmaüs Connect, District09, EPN de Wallonie)."""

    cached_in = ("partners",)  # cached pages and entries read it (crosslearn.lib.caching)

    figures_source = True  # the indicators read it (reporting.freshness)

    code = models.CharField(_("code"), max_length=10, unique=True)
    name = models.CharField(_("name"), max_length=200)
    country = models.CharField(_("country"), max_length=2, choices=Country)
    region = models.CharField(_("region"), max_length=100)
    language = models.CharField(_("working language"), max_length=5)
    is_lead = models.BooleanField(_("lead partner"), default=False)

    objects = PartnerQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("partner")
        verbose_name_plural = _("partners")

    def __str__(self):
        return f"{self.code} – {self.name}"


class ZoneRuleQuerySet(models.QuerySet):
    def matching(self, country, postal_code):
        digits = "".join(ch for ch in str(postal_code or "") if ch.isdigit())
        if not digits:
            return self.none()
        return self.filter(country=country, first__lte=int(digits), last__gte=int(digits))


class ZoneRule(models.Model):
    """A postal-code range in the cross-border zone (a French département or Belgian province)."""

    country = models.CharField(_("country"), max_length=2, choices=Country)
    name = models.CharField(_("area"), max_length=100)
    first = models.PositiveIntegerField(_("first postal code"))
    last = models.PositiveIntegerField(_("last postal code"))

    objects = ZoneRuleQuerySet.as_manager()

    class Meta:
        ordering = ["country", "first"]
        verbose_name = _("cross-border zone rule")
        verbose_name_plural = _("cross-border zone rules")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(first__lte=models.F("last")), name="zonerule_range_ordered"
            ),
        ]

    def __str__(self):
        return f"{self.get_country_display()} {self.name} ({self.first:05d}–{self.last:05d})"


def in_cross_border_zone(country, postal_code):
    return ZoneRule.objects.matching(country, postal_code).exists()


def zone_lookup():
    """``in_cross_border_zone`` for many places at the cost of one query (imports, demo data)."""
    rules = list(ZoneRule.objects.values_list("country", "first", "last"))

    def in_zone(country, postal_code):
        digits = "".join(ch for ch in str(postal_code or "") if ch.isdigit())
        if not digits:
            return False
        number = int(digits)
        return any(c == country and first <= number <= last for c, first, last in rules)

    return in_zone


class Sector(models.Model):
    """A helper's specialisation track (insertion, banking, social, …)."""

    cached_in = (
        "partners",
        "course-content",
    )  # cached pages and entries read it (crosslearn.lib.caching)

    code = models.SlugField(_("code"), max_length=30, unique=True)
    name = models.CharField(_("name"), max_length=100)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    objects = StaleOnWriteQuerySet.as_manager()

    class Meta:
        db_table = "helpers_sector"  # moved here from the helpers app; the table kept its name
        ordering = ["position", "code"]
        verbose_name = _("sector")
        verbose_name_plural = _("sectors")

    def __str__(self):
        return self.name


class StructureKind(models.Model):
    cached_in = ("partners",)  # cached pages and entries read it (crosslearn.lib.caching)
    code = models.SlugField(_("code"), max_length=30, unique=True)
    name = models.CharField(_("name"), max_length=100)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    objects = StaleOnWriteQuerySet.as_manager()

    class Meta:
        ordering = ["position", "code"]
        verbose_name = _("structure kind")
        verbose_name_plural = _("structure kinds")

    def __str__(self):
        return self.name


class StructureQuerySet(StaleOnWriteQuerySet, ScopedQuerySet):
    partner_path = "partner"
    structure_path = "pk"

    def approved(self):
        return self.filter(status=Structure.Status.APPROVED)


class Structure(models.Model):
    """An organisation affiliated to the network (association, CCAS/CPAS, library, EPN…)."""

    cached_in = ("partners",)  # cached pages and entries read it (crosslearn.lib.caching)

    figures_source = True  # the indicators read it (reporting.freshness)

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for approval")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    ref = models.CharField(
        _("reference"),
        max_length=50,
        unique=True,
        help_text=_("Stable identifier used by imports (e.g. WTC-0042)."),
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.ForeignKey(
        StructureKind, verbose_name=_("kind"), on_delete=models.PROTECT, related_name="structures"
    )
    partner = models.ForeignKey(
        Partner, verbose_name=_("partner"), on_delete=models.PROTECT, related_name="structures"
    )
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.APPROVED)
    country = models.CharField(_("country"), max_length=2, choices=Country)
    address = models.CharField(_("address"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=10)
    city = models.CharField(_("town"), max_length=100)
    in_cross_border_zone = models.BooleanField(_("in the cross-border zone"), default=False)
    # Derived from country and postal code when saved (partners.territory): the indicators'
    # département / province and region are the structure's own, like its zone.
    department = models.CharField(
        _("département or province"), max_length=6, blank=True, editable=False
    )
    region = models.CharField(_("region"), max_length=100, blank=True, editable=False)
    registration_number = models.CharField(
        _("SIRET or enterprise number"), max_length=20, blank=True
    )
    affiliated_on = models.DateField(_("affiliation date"), null=True, blank=True)
    contact_name = models.CharField(_("contact person"), max_length=150, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=30, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = StructureQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("structure")
        verbose_name_plural = _("structures")
        indexes = [
            models.Index(fields=["partner", "affiliated_on"], name="structure_partner_affiliated"),
            models.Index(fields=["postal_code"], name="structure_postal_code"),
        ]

    def __str__(self):
        return f"{self.name} ({self.postal_code} {self.city})"

    def save(self, *args, **kwargs):
        self.place_in_territory()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {
                *kwargs["update_fields"],
                "department",
                "region",
                "in_cross_border_zone",
            }
        super().save(*args, **kwargs)

    def place_in_territory(self, in_zone=None):
        """Fill ``department``, ``region`` and ``in_cross_border_zone`` from the country and
        the postal code, so the four territorial breakdowns agree (``in_zone``: a
        ``zone_lookup()``, for bulk work)."""
        from partners.territory import locate

        place = locate(self.country, self.postal_code)
        self.department, self.region = place.department, place.region
        self.in_cross_border_zone = (in_zone or in_cross_border_zone)(
            self.country, self.postal_code
        )

    def clean(self):
        from crosslearn.lib.identifiers import validate_registration_number

        try:
            self.registration_number = validate_registration_number(
                self.country, self.registration_number
            )
        except ValidationError as error:
            raise ValidationError({"registration_number": error.messages}) from error
        self.place_in_territory()


class ImportJobQuerySet(ScopedQuerySet):
    partner_path = "partner"


class ImportJob(models.Model):
    """A spreadsheet uploaded in the admin: checked first (preview), imported on confirmation.

    Large files are checked and imported by a Celery task; ``done``/``total`` show its progress.
    """

    class Kind(models.TextChoices):
        STRUCTURES = "structures", _("Structures")
        PARTICIPATIONS = "participations", _("Session participations")
        ACCOMPANIMENTS = "accompaniments", _("Accompaniments")

    class Status(models.TextChoices):
        CHECKING = "checking", _("Checking")
        CHECKED = "checked", _("Checked, waiting for confirmation")
        INVALID = "invalid", _("Refused: the file has problems")
        IMPORTING = "importing", _("Importing")
        DONE = "done", _("Imported")
        FAILED = "failed", _("Failed")

    kind = models.CharField(_("kind of data"), max_length=20, choices=Kind)
    file = models.FileField(
        _("file"),
        upload_to="imports/%Y/%m/",
        blank=True,
        help_text=_("Deleted once the import is finished or refused."),
    )
    filename = models.CharField(_("file name"), max_length=255)
    partner = models.ForeignKey(
        Partner,
        verbose_name=_("partner"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="import_jobs",
        help_text=_("Rows must belong to this partner; empty for programme-wide imports."),
    )
    created_by = models.ForeignKey(
        "accounts.User",
        verbose_name=_("uploaded by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.CHECKING)
    total = models.PositiveIntegerField(_("rows"), default=0)
    done = models.PositiveIntegerField(_("rows processed"), default=0)
    report = models.JSONField(_("report"), default=dict, blank=True)
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    objects = ImportJobQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("import")
        verbose_name_plural = _("imports")

    def __str__(self):
        return f"{self.get_kind_display()} – {self.filename}"

    @property
    def percent(self):
        return int(100 * self.done / self.total) if self.total else 0

    @property
    def in_progress(self):
        return self.status in {self.Status.CHECKING, self.Status.IMPORTING}

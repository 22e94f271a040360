from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

from crosslearn.lib.caching import StaleOnWriteQuerySet
from crosslearn.lib.dates import semester_bounds


class Indicator(models.TextChoices):
    HELPERS_TRAINED = "helpers_trained", _("Helpers trained")
    STRUCTURES_AFFILIATED = "structures_affiliated", _("New structures affiliated")
    ACCOMPANIMENTS = "accompaniments", _("Accompaniments")
    PLATFORM_SESSIONS = "platform_sessions", _("Platform sessions")
    TRAININGS_HELD = "trainings_held", _("Trainings held")
    WEBINAR_ATTENDANCES = "webinar_attendances", _("Webinar attendances")
    PEOPLE_REACHED = "people_reached", _("People reached")
    NEW_PEOPLE = "new_people", _("New people")


class Programme(models.Model):
    cached_in = ("semesters",)  # cached pages and entries read it (crosslearn.lib.caching)
    figures_source = True  # the indicators read it (reporting.freshness)

    slug = models.SlugField(_("slug"), unique=True)
    name = models.CharField(_("name"), max_length=200)
    start = models.DateField(_("start"))
    end = models.DateField(_("end"))

    objects = StaleOnWriteQuerySet.as_manager()

    class Meta:
        ordering = ["start"]
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(start__lte=models.F("end")), name="programme_dates_ordered"
            ),
        ]

    def __str__(self):
        return self.name

    @transaction.atomic
    def rebuild_semesters(self):
        """Make the semesters match the programme dates (S1, S2, … six months each)."""
        bounds = semester_bounds(self.start, self.end)
        for number, (start, end) in enumerate(bounds, start=1):
            Semester.objects.update_or_create(
                programme=self, number=number, defaults={"start": start, "end": end}
            )
        self.semesters.filter(number__gt=len(bounds)).delete()


class Semester(models.Model):
    cached_in = ("semesters",)  # cached pages and entries read it (crosslearn.lib.caching)
    figures_source = True  # the indicators read it (reporting.freshness)

    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.CASCADE, related_name="semesters"
    )
    number = models.PositiveSmallIntegerField(_("number"))
    start = models.DateField(_("start"))
    end = models.DateField(_("end"))

    objects = StaleOnWriteQuerySet.as_manager()

    class Meta:
        ordering = ["programme", "number"]
        verbose_name = _("semester")
        verbose_name_plural = _("semesters")
        constraints = [
            models.UniqueConstraint(fields=["programme", "number"], name="semester_unique_number"),
            models.CheckConstraint(
                condition=models.Q(start__lte=models.F("end")), name="semester_dates_ordered"
            ),
        ]

    def __str__(self):
        return f"{self.code} ({self.start:%Y-%m-%d} – {self.end:%Y-%m-%d})"

    @property
    def code(self):
        return f"S{self.number}"


class Target(models.Model):
    """A programme target for one indicator, for the whole programme or one partner."""

    figures_source = True  # the indicators read it (reporting.freshness)

    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.CASCADE, related_name="targets"
    )
    indicator = models.CharField(_("indicator"), max_length=40, choices=Indicator)
    partner = models.ForeignKey(
        "partners.Partner",
        verbose_name=_("partner"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="targets",
    )
    value = models.PositiveIntegerField(_("target"))

    class Meta:
        ordering = ["programme", "indicator", "partner"]
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "indicator", "partner"],
                condition=models.Q(partner__isnull=False),
                name="target_unique_per_partner",
            ),
            models.UniqueConstraint(
                fields=["programme", "indicator"],
                condition=models.Q(partner__isnull=True),
                name="target_unique_overall",
            ),
        ]

    def __str__(self):
        scope = self.partner.code if self.partner_id else "ALL"
        return f"{self.programme} {self.indicator} {scope}: {self.value}"


class PageView(models.Model):
    """One browser session seen on one day (raw, before the daily roll-up).

    Only a keyed hash of the session key is stored: no IP address, no user.
    """

    day = models.DateField(_("day"))
    session_hash = models.CharField(_("hashed session key"), max_length=64)
    region = models.CharField(_("region"), max_length=100)

    class Meta:
        verbose_name = _("page view")
        verbose_name_plural = _("page views")
        constraints = [
            models.UniqueConstraint(fields=["day", "session_hash"], name="pageview_once_a_day"),
        ]

    def __str__(self):
        return f"{self.day} {self.region}"


class DailyPlatformSessions(models.Model):
    """Distinct browser sessions with a page view on ``day``, per region (rolled up nightly)."""

    figures_source = True  # the indicators read it (reporting.freshness)

    day = models.DateField(_("day"))
    region = models.CharField(_("region"), max_length=100)
    sessions = models.PositiveIntegerField(_("sessions"))

    class Meta:
        ordering = ["day", "region"]
        verbose_name = _("daily platform sessions")
        verbose_name_plural = _("daily platform sessions")
        constraints = [
            models.UniqueConstraint(fields=["day", "region"], name="dailysessions_once"),
        ]

    def __str__(self):
        return f"{self.day} {self.region}: {self.sessions}"


class Snapshot(models.Model):
    """The report rows of one semester as they were on a day.

    Nightly snapshots keep the history; the frozen one, taken when the semester has closed,
    is what the funder report was built on, so a later correction shows as a difference.
    """

    semester = models.ForeignKey(
        Semester, verbose_name=_("semester"), on_delete=models.CASCADE, related_name="snapshots"
    )
    taken_on = models.DateField(_("taken on"))
    frozen = models.BooleanField(_("frozen"), default=False)
    rows = models.JSONField(_("rows"), default=list)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["semester", "-taken_on"]
        verbose_name = _("snapshot")
        verbose_name_plural = _("snapshots")
        constraints = [
            models.UniqueConstraint(
                fields=["semester"], condition=models.Q(frozen=True), name="snapshot_one_frozen"
            ),
            models.UniqueConstraint(
                fields=["semester", "taken_on"],
                condition=models.Q(frozen=False),
                name="snapshot_one_a_night",
            ),
        ]

    def __str__(self):
        return f"{self.semester} {self.taken_on}{' (frozen)' if self.frozen else ''}"


class SourceChange(models.Model):
    """One row per SQL statement that wrote to a table the indicators are made of.

    Written by PostgreSQL triggers (migration 0004), so every write path counts: forms, the
    admin, imports, bulk updates. The total weight is the version of the figures: computed
    figures are shared until it changes. Compaction folds the rows into one of the same weight.
    """

    weight = models.PositiveBigIntegerField(_("weight"), default=1)

    class Meta:
        verbose_name = _("change of report data")
        verbose_name_plural = _("changes of report data")

    def __str__(self):
        return f"+{self.weight}"

"""Sessions (awareness, training, webinars), who booked and came, and attestations."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models.functions import Coalesce, Greatest
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.access import ScopedQuerySet
from partners.models import Sector

# These models moved here from the helpers app; their tables kept their names.


class SessionKind(models.TextChoices):
    AWARENESS = "awareness", _("Awareness")
    TRAINING = "training", _("Training")
    WEBINAR = "webinar", _("Webinar")


class PathStage(models.TextChoices):
    """The helper's training path, in order. Courses use the same values (helper_stage)."""

    AWARENESS = "awareness", _("Awareness")
    CORE = "core", _("Common-core training")
    SPECIALISATION = "specialisation", _("Sector specialisation")
    CONTINUING = "continuing", _("Continuing training")


class TrainingSessionQuerySet(ScopedQuerySet):
    partner_path = "partner"

    def upcoming(self, now=None):
        from django.utils import timezone

        return self.filter(
            status=TrainingSession.Status.PLANNED, ends_at__gte=now or timezone.now()
        )

    def with_seat_counts(self):
        """Annotate confirmed and waitlisted bookings and ``seats_left``.

        Counted by a subquery per session, so a page of 20 sessions counts the bookings of
        those 20 only (a join and GROUP BY aggregated every upcoming session's bookings).
        """

        def bookings(status):
            counted = (
                Participation.objects.filter(session=models.OuterRef("pk"), booking=status)
                .order_by()
                .values("session")
                .annotate(number=models.Count("pk"))
                .values("number")
            )
            return Coalesce(models.Subquery(counted), 0)

        confirmed, waiting = bookings("confirmed"), bookings("waitlisted")
        return self.annotate(confirmed_count=confirmed, waitlisted_count=waiting).annotate(
            seats_left=Greatest(models.F("capacity") - models.F("confirmed_count"), 0)
        )

    def with_unmarked_attendance(self):
        """Planned sessions with a confirmed person whose attendance nobody marked yet."""
        unmarked = models.Q(
            participations__booking=Participation.Booking.CONFIRMED,
            participations__attendance="",
        )
        return (
            self.filter(status=TrainingSession.Status.PLANNED)
            .annotate(unmarked=models.Count("participations", filter=unmarked))
            .filter(unmarked__gt=0)
        )

    def with_booking_of(self, person):
        """Annotate ``my_booking`` with ``person``'s booking status (None when not booked)."""
        mine = Participation.objects.filter(session=models.OuterRef("pk"), person=person)
        return self.annotate(my_booking=models.Subquery(mine.values("booking")[:1]))


class TrainingSession(models.Model):
    """An awareness session, a training or a webinar run by a partner for helpers."""

    figures_source = True  # the indicators read it (reporting.freshness)

    class Mode(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        ONLINE = "online", _("Online")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        CANCELLED = "cancelled", _("Cancelled")

    Kind = SessionKind

    ref = models.CharField(
        _("reference"), max_length=50, unique=True, default=uuid.uuid4, editable=True
    )
    kind = models.CharField(_("kind"), max_length=20, choices=SessionKind)
    title = models.CharField(_("title"), max_length=200)
    partner = models.ForeignKey(
        "partners.Partner",
        verbose_name=_("partner"),
        on_delete=models.PROTECT,
        related_name="sessions",
    )
    sector = models.ForeignKey(
        Sector, verbose_name=_("sector"), on_delete=models.SET_NULL, null=True, blank=True
    )
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    mode = models.CharField(_("mode"), max_length=10, choices=Mode, default=Mode.IN_PERSON)
    place = models.CharField(_("place"), max_length=200, blank=True)
    # The title and place above are in the session's language; these are the operator's
    # translations for readers of other languages (empty: readers see the original).
    title_fr = models.CharField(_("title in French"), max_length=200, blank=True)
    title_nl = models.CharField(_("title in Dutch"), max_length=200, blank=True)
    title_en = models.CharField(_("title in English"), max_length=200, blank=True)
    place_fr = models.CharField(_("place in French"), max_length=200, blank=True)
    place_nl = models.CharField(_("place in Dutch"), max_length=200, blank=True)
    place_en = models.CharField(_("place in English"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=10, blank=True)
    # Where an in-person session took place, derived from its postal code in the partner's
    # country when saved (partners.territory); blank / NULL for online sessions and sessions
    # without a postal code, whose territory is their partner's (reporting.indicators).
    department = models.CharField(
        _("département or province"), max_length=6, blank=True, editable=False
    )
    region = models.CharField(_("region"), max_length=100, blank=True, editable=False)
    in_cross_border_zone = models.BooleanField(
        _("in the cross-border zone"), null=True, blank=True, editable=False
    )
    online_url = models.URLField(
        _("online link"), blank=True, help_text=_("Shown only to registered helpers.")
    )
    capacity = models.PositiveIntegerField(_("capacity"), default=12)
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES)
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.PLANNED)
    signed_sheet = models.FileField(
        _("signed attendance sheet"), upload_to="attendance-sheets/%Y/", blank=True
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = TrainingSessionQuerySet.as_manager()
    history = HistoricalRecords(table_name="helpers_historicaltrainingsession")

    class Meta:
        db_table = "helpers_trainingsession"
        ordering = ["starts_at"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        indexes = [
            models.Index(fields=["partner", "starts_at"], name="session_partner_starts"),
            models.Index(fields=["kind", "starts_at"], name="session_kind_starts"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gte=models.F("starts_at")),
                name="session_ends_after_start",
            ),
        ]

    def __str__(self):
        return f"{self.title} ({self.starts_at:%Y-%m-%d})"

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
        """Fill ``department``, ``region`` and ``in_cross_border_zone`` from the postal code of
        an in-person session (``in_zone``: a ``partners.models.zone_lookup()``, for bulk work)."""
        from partners.models import in_cross_border_zone
        from partners.territory import locate

        place = locate(self.partner.country, self.postal_code)
        if self.mode != self.Mode.IN_PERSON or not place.region:
            self.department, self.region, self.in_cross_border_zone = "", "", None
            return
        self.department, self.region = place.department, place.region
        self.in_cross_border_zone = (in_zone or in_cross_border_zone)(
            self.partner.country, self.postal_code
        )

    def in_language(self, field, language=None):
        """``field`` ("title" or "place") for a reader of ``language`` (default: the active one)."""
        code = (language or get_language() or "")[:2]
        return getattr(self, f"{field}_{code}", "") or getattr(self, field)

    @property
    def local_title(self):
        return self.in_language("title")

    @property
    def local_place(self):
        return self.in_language("place")

    @property
    def path_stage(self):
        """The stage of the training path that a present attendance here completes."""
        if self.kind == SessionKind.AWARENESS:
            return PathStage.AWARENESS
        if self.kind == SessionKind.WEBINAR:
            return PathStage.CONTINUING
        return PathStage.SPECIALISATION if self.sector_id else PathStage.CORE

    @property
    def is_online(self):
        return self.mode == self.Mode.ONLINE

    def state_label(self, now=None):
        """The status as people read it: a planned session that has ended is past."""
        from django.utils import timezone

        if self.status == self.Status.PLANNED and self.ends_at < (now or timezone.now()):
            return _("Past")
        return self.get_status_display()


class ParticipationQuerySet(ScopedQuerySet):
    partner_path = "session__partner"

    def confirmed(self):
        return self.filter(booking=Participation.Booking.CONFIRMED)

    def present(self):
        return self.filter(attendance=Participation.Attendance.PRESENT)

    def at_trainings(self):
        """At awareness sessions and trainings (not webinars): what trains a helper."""
        return self.filter(session__kind__in=[SessionKind.AWARENESS, SessionKind.TRAINING])

    def of(self, person):
        return self.filter(person=person)


class Participation(models.Model):
    """One person's place in a session: booking status, then attendance."""

    figures_source = True  # the indicators read it (reporting.freshness)

    class Booking(models.TextChoices):
        CONFIRMED = "confirmed", _("Confirmed")
        WAITLISTED = "waitlisted", _("On the waiting list")
        CANCELLED = "cancelled", _("Cancelled")

    class Attendance(models.TextChoices):
        PRESENT = "present", _("Present")
        ABSENT = "absent", _("Absent")
        EXCUSED = "excused", _("Excused")

    session = models.ForeignKey(
        TrainingSession,
        verbose_name=_("session"),
        on_delete=models.CASCADE,
        related_name="participations",
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="participations",
        help_text=_("Empty once the person's account was erased; the attendance still counts."),
    )
    booking = models.CharField(
        _("booking"), max_length=12, choices=Booking, default=Booking.CONFIRMED
    )
    attendance = models.CharField(_("attendance"), max_length=10, choices=Attendance, blank=True)
    booked_at = models.DateTimeField(_("booked at"), auto_now_add=True)
    marked_at = models.DateTimeField(_("attendance marked at"), null=True, blank=True)
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("marked by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = ParticipationQuerySet.as_manager()
    history = HistoricalRecords(table_name="helpers_historicalparticipation")

    class Meta:
        db_table = "helpers_participation"
        ordering = ["session", "booked_at"]
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        constraints = [
            models.UniqueConstraint(fields=["session", "person"], name="participation_once"),
        ]
        indexes = [
            models.Index(fields=["session", "booking"], name="participation_session_booking"),
            models.Index(fields=["person", "attendance"], name="participation_person_att"),
        ]

    def __str__(self):
        return f"{self.person} – {self.session}"


class AttestationQuerySet(ScopedQuerySet):
    partner_path = "helper__helper_profile__structure__partner"


class Attestation(models.Model):
    """The training attestation of a helper who completed the first three stages.

    Its random ``code`` is printed on the PDF with a verification address: anyone holding the
    paper can check there that we issued it.
    """

    helper = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("helper"),
        on_delete=models.CASCADE,
        related_name="attestation",
    )
    code = models.CharField(_("verification code"), max_length=32, unique=True)
    holder_name = models.CharField(_("name of the holder"), max_length=300)
    # What the paper states, as it stood on the day of issue.
    partner = models.ForeignKey(
        "partners.Partner",
        verbose_name=_("partner"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    sector = models.ForeignKey(
        Sector,
        verbose_name=_("sector"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    training_minutes = models.PositiveIntegerField(_("minutes of training"), default=0)
    stages = models.JSONField(
        _("completed stages"), default=dict, help_text=_("Stage → date of completion.")
    )
    issued_at = models.DateTimeField(_("issued at"), auto_now_add=True)
    revoked = models.BooleanField(_("revoked"), default=False)

    objects = AttestationQuerySet.as_manager()

    class Meta:
        db_table = "helpers_attestation"
        verbose_name = _("attestation")
        verbose_name_plural = _("attestations")

    def __str__(self):
        return f"{self.holder_name} ({self.code})"

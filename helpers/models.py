import uuid

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.db.models.functions import Coalesce, Greatest
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.access import ScopedQuerySet


class Sector(models.Model):
    """A helper's specialisation track (insertion, banking, social, …)."""

    code = models.SlugField(_("code"), max_length=30, unique=True)
    name = models.CharField(_("name"), max_length=100)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "code"]
        verbose_name = _("sector")
        verbose_name_plural = _("sectors")

    def __str__(self):
        return self.name


class HelperProfileQuerySet(ScopedQuerySet):
    partner_path = "structure__partner"
    structure_path = "structure"


class HelperProfile(models.Model):
    """What makes a user a helper (aidant): their structure and sector.

    ``structure`` is the structure whose partner approved the helper (see ``Membership``); it
    is set and changed only by the membership services, never by a form.
    """

    figures_source = True  # the indicators read it (reporting.freshness)

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="helper_profile"
    )
    structure = models.ForeignKey(
        "partners.Structure",
        verbose_name=_("approved structure"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="helpers",
    )
    sector = models.ForeignKey(
        Sector, verbose_name=_("sector"), on_delete=models.SET_NULL, null=True, blank=True
    )
    calendar_token = models.CharField(
        _("calendar feed token"), max_length=64, unique=True, null=True, blank=True, editable=False
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = HelperProfileQuerySet.as_manager()

    class Meta:
        verbose_name = _("helper profile")
        verbose_name_plural = _("helper profiles")

    def __str__(self):
        return str(self.user)

    @property
    def partner(self):
        return self.structure.partner if self.structure_id else None


class MembershipQuerySet(ScopedQuerySet):
    partner_path = "structure__partner"

    def pending(self):
        return self.filter(status=Membership.Status.PENDING)

    def counted(self):
        """Memberships under which a helper's accompaniments count in the indicators."""
        return self.filter(status__in=Membership.COUNTED)


class Membership(models.Model):
    """A person's request to help at a structure, and the answer of the structure's partner.

    Until the partner approves it, the person reaches no learner and no accompaniment of the
    structure, and nothing they log counts. A change of structure is a new request; the
    approved one stays until the new one is approved, then it ends (and what was logged under
    it still counts). A membership withdrawn by the partner stops counting altogether.
    """

    figures_source = True  # the indicators read it (reporting.freshness)

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for approval")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Refused")
        ENDED = "ended", _("Ended (moved to another structure)")
        WITHDRAWN = "withdrawn", _("Withdrawn by the partner")

    COUNTED = [Status.APPROVED, Status.ENDED]

    helper = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("helper"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    structure = models.ForeignKey(
        "partners.Structure",
        verbose_name=_("structure"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.PENDING)
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["-requested_at"]
        verbose_name = _("structure membership")
        verbose_name_plural = _("structure memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["helper"],
                condition=models.Q(status="pending"),
                name="membership_one_pending",
            ),
            models.UniqueConstraint(
                fields=["helper"],
                condition=models.Q(status="approved"),
                name="membership_one_approved",
            ),
        ]
        indexes = [
            models.Index(
                fields=["helper", "structure", "status"], name="membership_helper_structure"
            ),
            models.Index(fields=["status", "requested_at"], name="membership_status_requested"),
        ]

    def __str__(self):
        return f"{self.helper} → {self.structure} ({self.get_status_display()})"


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

    def trainings(self):
        return self.filter(kind__in=[SessionKind.AWARENESS, SessionKind.TRAINING])

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
    postal_code = models.CharField(_("postal code"), max_length=10, blank=True)
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
    history = HistoricalRecords()

    class Meta:
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


class ParticipationQuerySet(ScopedQuerySet):
    partner_path = "session__partner"


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
        TrainingSession, on_delete=models.CASCADE, related_name="participations"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
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
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = ParticipationQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
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


class AccompanimentQuerySet(ScopedQuerySet):
    partner_path = "structure__partner"

    def counted(self):
        """Accompaniments that count in the indicators: logged at an approved structure by a
        helper the structure's partner approved there (or whose account was since erased)."""
        approved = Membership.objects.counted().filter(
            helper=models.OuterRef("helper"), structure=models.OuterRef("structure")
        )
        return self.filter(
            models.Q(helper__isnull=True) | models.Exists(approved),
            structure__status="approved",
        )


class Accompaniment(models.Model):
    """A digital accompaniment given by a helper (one person, or a collective workshop)."""

    figures_source = True  # the indicators read it (reporting.freshness)

    class Kind(models.TextChoices):
        INDIVIDUAL = "individual", _("Individual")
        COLLECTIVE = "collective", _("Collective workshop")

    class Place(models.TextChoices):
        STRUCTURE = "structure", _("At the structure")
        HOME = "home", _("At home")
        REMOTE = "remote", _("Remotely")
        OTHER = "other", _("Elsewhere")

    class Autonomy(models.TextChoices):
        GUIDED = "guided", _("With guidance")
        OCCASIONAL_HELP = "occasional_help", _("Autonomous with occasional help")
        AUTONOMOUS = "autonomous", _("Autonomous")

    ref = models.CharField(_("reference"), max_length=50, unique=True, default=uuid.uuid4)
    helper = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("helper"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="accompaniments_given",
        help_text=_("Empty once the helper's account was erased; the figures still count."),
    )
    structure = models.ForeignKey(
        "partners.Structure",
        verbose_name=_("structure"),
        on_delete=models.PROTECT,
        related_name="accompaniments",
    )
    date = models.DateField(_("date"))
    kind = models.CharField(_("kind"), max_length=12, choices=Kind, default=Kind.INDIVIDUAL)
    participants = models.PositiveIntegerField(_("participants"), default=1)
    duration_minutes = models.PositiveIntegerField(_("duration (minutes)"), default=30)
    place = models.CharField(_("place"), max_length=10, choices=Place, default=Place.STRUCTURE)
    postal_code = models.CharField(_("postal code"), max_length=10, blank=True)
    equipment = models.JSONField(_("equipment"), default=list, blank=True)
    themes = models.ManyToManyField(
        "courses.Competence", verbose_name=_("DigComp competences"), related_name="+"
    )
    procedures = models.JSONField(_("administrative procedures"), default=list, blank=True)
    breakdown = models.JSONField(_("anonymous breakdown"), default=dict, blank=True)
    autonomy = models.CharField(_("autonomy reached"), max_length=20, choices=Autonomy, blank=True)
    first_time = models.BooleanField(_("first accompaniment of this person"), null=True, blank=True)
    redirected_to = models.ForeignKey(
        "partners.StructureKind",
        verbose_name=_("redirected to"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("learner"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="accompaniments_received",
    )
    notes = models.TextField(
        _("notes"),
        blank=True,
        help_text=_("Never write passwords, identity numbers or health details here."),
    )
    review_reasons = models.JSONField(
        _("to review because"),
        default=list,
        blank=True,
        help_text=_("Set when the entry is unusual (helpers.limits); the partner reviews it."),
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = AccompanimentQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["notes"])

    class Meta:
        ordering = ["-date", "-created_at"]
        verbose_name = _("accompaniment")
        verbose_name_plural = _("accompaniments")
        indexes = [
            models.Index(fields=["date"], name="accompaniment_date"),
            models.Index(fields=["structure", "date"], name="accompaniment_structure_date"),
            models.Index(fields=["helper", "date"], name="accompaniment_helper_date"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(participants__gte=1), name="accompaniment_has_participants"
            ),
            models.CheckConstraint(
                condition=~models.Q(kind="individual") | models.Q(participants=1),
                name="accompaniment_individual_is_one",
            ),
            models.CheckConstraint(
                condition=models.Q(duration_minutes__gte=1), name="accompaniment_has_duration"
            ),
            # The hard limits of helpers.limits, whatever path writes the row.
            models.CheckConstraint(
                condition=models.Q(participants__lte=200), name="accompaniment_participants_max"
            ),
            models.CheckConstraint(
                condition=models.Q(duration_minutes__lte=720), name="accompaniment_duration_max"
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.date} ({self.participants})"

    def clean(self):
        from helpers import limits

        found = limits.problems(
            kind=self.kind,
            participants=self.participants,
            duration_minutes=self.duration_minutes,
            date=self.date,
            breakdown=self.breakdown or None,
        )
        if "breakdown" in found:  # not a field a person types in: said above the form
            found[NON_FIELD_ERRORS] = found.pop("breakdown")
        if found:
            raise ValidationError(found)

    def flag_if_unusual(self, *, late_matters=True):
        """Record why the entry deserves a review by the partner (kept once reviewed)."""
        from helpers import limits

        if self.reviewed_at is None:
            self.review_reasons = limits.review_reasons(
                participants=self.participants,
                duration_minutes=self.duration_minutes,
                date=self.date,
                late_matters=late_matters,
            )


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
    stages = models.JSONField(
        _("completed stages"), default=dict, help_text=_("Stage → date of completion.")
    )
    issued_at = models.DateTimeField(_("issued at"), auto_now_add=True)
    revoked = models.BooleanField(_("revoked"), default=False)

    objects = AttestationQuerySet.as_manager()

    class Meta:
        verbose_name = _("attestation")
        verbose_name_plural = _("attestations")

    def __str__(self):
        return f"{self.holder_name} ({self.code})"

import uuid

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.db.models import F, Value
from django.db.models.functions import Cast, Concat
from django.db.models.lookups import In
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.access import ScopedQuerySet
from helpers.cra import AgeBracket, WorkshopLevel, valid_commune_code
from partners.models import Sector


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
        settings.AUTH_USER_MODEL,
        verbose_name=_("helper"),
        on_delete=models.CASCADE,
        related_name="helper_profile",
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


ACCOMPANIMENT_FIGURES = [
    ("count", models.Count, "pk"),
    ("people", models.Sum, "participants"),
    ("minutes", models.Sum, "duration_minutes"),
]


class AccompanimentQuerySet(ScopedQuerySet):
    partner_path = "structure__partner"

    def given_by(self, helper):
        return self.filter(helper=helper)

    def filtered(self, *, start=None, end=None, kind="", competence=None):
        """The helper's list filters: period, kind, a DigComp competence."""
        queryset = self
        if start:
            queryset = queryset.filter(date__gte=start)
        if end:
            queryset = queryset.filter(date__lte=end)
        if kind:
            queryset = queryset.filter(kind=kind)
        if competence:
            queryset = queryset.filter(themes=competence)
        return queryset

    def for_list(self):
        return self.select_related("learner", "redirected_to").prefetch_related("themes")

    def totals(self, **periods):
        """Number of accompaniments, people accompanied (the indicator) and minutes, in one
        query. With ``periods`` (name → Q), the same figures for each period, still in one
        query: ``{name: {"count": …, "people": …, "minutes": …}}``.
        """
        if not periods:
            return self.totals(all=models.Q())["all"]
        figures = self.aggregate(
            **{
                f"{name}__{key}": function(field, filter=condition or None)
                for name, condition in periods.items()
                for key, function, field in ACCOMPANIMENT_FIGURES
            }
        )
        return {
            name: {key: figures[f"{name}__{key}"] or 0 for key, _f, _field in ACCOMPANIMENT_FIGURES}
            for name in periods
        }

    def counted(self, *, in_bulk=False):
        """Accompaniments that count in the indicators: logged at an approved structure by a
        helper the structure's partner approved there (or whose account was since erased)."""
        return self.filter(counted_accompaniment(in_bulk=in_bulk))


def counted_accompaniment(via="", *, in_bulk=False):
    """The condition of ``AccompanimentQuerySet.counted``, for rows that lead to an
    accompaniment by ``via`` (e.g. "accompaniment__" from a register visit).

    ``in_bulk``: for a query over all the accompaniments (the indicators), the approved
    (helper, structure) pairs are read once and hashed, rather than looked up row by row
    (2.3 s of a 5 s query at 10 times the programme's volumes).
    """
    if in_bulk:
        approved_pairs = (
            Membership.objects.counted()
            .order_by()
            .values(pair=_pair(F("helper_id"), F("structure_id")))
        )
        approved = In(_pair(F(f"{via}helper_id"), F(f"{via}structure_id")), approved_pairs)
    else:
        approved = models.Exists(
            Membership.objects.counted().filter(
                helper=models.OuterRef(f"{via}helper"),
                structure=models.OuterRef(f"{via}structure"),
            )
        )
    erased_or_approved = models.Q(**{f"{via}helper__isnull": True}) | approved
    return erased_or_approved & models.Q(**{f"{via}structure__status": "approved"})


def _pair(helper, structure):
    """One value for a (helper, structure) pair, which the database can hash."""
    text = models.CharField()
    return Concat(Cast(helper, text), Value(":"), Cast(structure, text), output_field=text)


class BeneficiaryQuerySet(ScopedQuerySet):
    partner_path = "structure__partner"
    structure_path = "structure"

    def current(self):
        """The register as people read it: merged duplicates are gone."""
        return self.filter(merged_into__isnull=True)


class Beneficiary(models.Model):
    """A person a structure helps, in its light register: no name is needed.

    Either a learner account of the structure, or an anonymous entry with only what the
    activity report asks for. Merging a duplicate moves its accompaniments to the entry kept.
    """

    figures_source = True  # people_reached counts the register (reporting.freshness)

    structure = models.ForeignKey(
        "partners.Structure",
        verbose_name=_("structure"),
        on_delete=models.PROTECT,
        related_name="beneficiaries",
    )
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("learner account"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="register_entries",
    )
    first_name = models.CharField(_("first name or pseudonym"), max_length=60, blank=True)
    last_initial = models.CharField(_("initial of the last name"), max_length=1, blank=True)
    age_bracket = models.CharField(_("age bracket"), max_length=10, choices=AgeBracket, blank=True)
    accompanied_before = models.BooleanField(
        _("already accompanied here before"),
        default=False,
        help_text=_("Helped by the structure before this register: not a new person."),
    )
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("merged into"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="merged",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = BeneficiaryQuerySet.as_manager()

    class Meta:
        ordering = ["first_name", "last_initial", "pk"]
        verbose_name = _("person helped")
        verbose_name_plural = _("people helped")
        constraints = [
            models.UniqueConstraint(
                fields=["structure", "learner"],
                condition=models.Q(learner__isnull=False),
                name="beneficiary_learner_once_per_structure",
            ),
        ]
        indexes = [
            models.Index(fields=["structure", "first_name"], name="beneficiary_structure_name"),
        ]

    def __str__(self):
        if self.learner_id and self.learner and self.learner.first_name:
            return self.learner.first_name
        name = " ".join(
            filter(None, [self.first_name, f"{self.last_initial}." if self.last_initial else ""])
        )
        return name or _("Person no. %(number)s") % {"number": self.pk}


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
    cra_themes = models.JSONField(
        _("themes of the national report"),
        default=list,
        blank=True,
        help_text=_("The CRA's themes; when none is ticked, the DigComp skills give them."),
    )
    # {dimension: {value: people}} (helpers.cra): anonymous, "not given" is the rest.
    breakdown = models.JSONField(_("who came, anonymously"), default=dict, blank=True)
    commune_code = models.CharField(
        _("commune (INSEE or NIS code)"), max_length=5, blank=True, validators=[valid_commune_code]
    )
    activity_place = models.ForeignKey(
        "partners.Structure",
        verbose_name=_("place of activity"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="accompaniments_hosted",
        help_text=_("Where it happened, when it is not the helper's own structure."),
    )
    workshop_title = models.CharField(_("workshop title"), max_length=120, blank=True)
    workshop_level = models.CharField(
        _("workshop level"), max_length=12, choices=WorkshopLevel, blank=True
    )
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
    # Who came: people of the register (linked), and the others, counted but not named.
    beneficiaries = models.ManyToManyField(
        Beneficiary, verbose_name=_("people helped"), related_name="accompaniments", blank=True
    )
    registered_participants = models.PositiveIntegerField(
        _("participants of the register"), default=0, editable=False
    )
    already_accompanied = models.PositiveIntegerField(
        _("of the others, already accompanied here"),
        default=0,
        help_text=_("For a workshop. For one person, the first-time question says it."),
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
            models.CheckConstraint(
                condition=models.Q(
                    participants__gte=models.F("registered_participants")
                    + models.F("already_accompanied")
                ),
                name="accompaniment_people_within_participants",
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


# Who came is read by people_reached: its link table is a source of the figures too.
Accompaniment.beneficiaries.through.figures_source = True

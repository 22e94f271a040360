from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from crosslearn.lib.caching import StaleOnWriteQuerySet


class CourseQuerySet(StaleOnWriteQuerySet):
    def published(self):
        return self.filter(published=True)

    def for_country(self, country):
        """Courses shown to people of ``country`` ("FR"/"BE"); every variant when it is unknown."""
        if not country:
            return self
        return self.filter(country__in=[Course.Country.BOTH, country])

    def with_competences(self):
        from courses.models.framework import Competence

        return self.prefetch_related(
            models.Prefetch(
                "competences", queryset=Competence.objects.select_related("area").order_by("code")
            )
        )

    def completed_by(self, user, *, helper_stage=None):
        """Courses ``user`` has finished, optionally only helper courses of one training stage.

        The helper training path uses
        ``Course.objects.completed_by(user, helper_stage="training")``.
        """
        if not getattr(user, "is_authenticated", False):
            return self.none()
        qs = self.filter(progress__user=user, progress__completed_at__isnull=False)
        if helper_stage:
            qs = qs.filter(audience=Course.Audience.HELPER, helper_stage=helper_stage)
        return qs.distinct()


class Course(models.Model):
    cached_in = ("course-content",)  # cached pages and entries read it (crosslearn.lib.caching)

    class Audience(models.TextChoices):
        LEARNER = "learner", _("Learners")
        HELPER = "helper", _("Helpers")

    class Country(models.TextChoices):
        BOTH = "both", _("France and Belgium")
        FR = "FR", _("France")
        BE = "BE", _("Belgium")

    class HelperStage(models.TextChoices):
        AWARENESS = "awareness", _("Awareness")
        TRAINING = "training", _("Training")
        SPECIALISATION = "specialisation", _("Specialisation")
        CONTINUING = "continuing", _("Continuing training")

    slug = models.SlugField(_("short name"), max_length=80, unique=True)
    version = models.PositiveIntegerField(_("version"), default=1)
    audience = models.CharField(_("audience"), max_length=10, choices=Audience)
    level = models.PositiveSmallIntegerField(_("DigComp level"), default=1)
    duration_minutes = models.PositiveSmallIntegerField(_("duration (minutes)"), default=15)
    country = models.CharField(_("country"), max_length=4, choices=Country, default=Country.BOTH)
    variant_of = models.ForeignKey(
        "self",
        verbose_name=_("variant of"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="variants",
        help_text=_("The same course for the other country."),
    )
    competences = models.ManyToManyField(
        "courses.Competence", verbose_name=_("competences"), related_name="courses"
    )
    helper_stage = models.CharField(
        _("helper training stage"), max_length=20, choices=HelperStage, blank=True
    )
    sector = models.ForeignKey(
        "partners.Sector",
        verbose_name=_("sector"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="courses",
    )
    published = models.BooleanField(_("published"), default=False)
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = CourseQuerySet.as_manager()

    class Meta:
        ordering = ["audience", "level", "slug"]
        verbose_name = _("course")
        verbose_name_plural = _("courses")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(level__range=(1, 8)), name="course_level_between_1_and_8"
            ),
            models.CheckConstraint(
                condition=models.Q(audience="helper") | models.Q(helper_stage=""),
                name="course_helper_stage_only_for_helpers",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("courses:course", args=[self.slug])

    def clean(self):
        super().clean()
        if self.variant_of_id and self.variant_of_id == self.pk:
            raise ValidationError({"variant_of": _("A course cannot be a variant of itself.")})

    def text_language(self, field, language):
        """The language ``field`` is actually shown in for ``language`` (fallback included)."""
        for code in [language, *settings.MODELTRANSLATION_FALLBACK_LANGUAGES["default"]]:
            if getattr(self, f"{field}_{code}", ""):
                return code
        return language


class Step(models.Model):
    """One screen of a course. ``data`` holds the step as in the content files (SCHEMA.md):
    every human text is an object with one entry per language."""

    cached_in = ("course-content",)  # cached pages and entries read it (crosslearn.lib.caching)

    class Type(models.TextChoices):
        EXPLANATION = "explanation", _("Explanation")
        SINGLE_CHOICE = "single_choice", _("Single choice")
        MULTIPLE_CHOICE = "multiple_choice", _("Multiple choice")
        TRUE_FALSE = "true_false", _("True or false")
        ORDERING = "ordering", _("Put in order")
        MATCHING = "matching", _("Match pairs")
        FILL_BLANK = "fill_blank", _("Fill in the blank")
        SIMULATION = "simulation", _("Simulation")

    course = models.ForeignKey(
        Course, verbose_name=_("course"), on_delete=models.CASCADE, related_name="steps"
    )
    position = models.PositiveSmallIntegerField(_("position"))
    type = models.CharField(_("type"), max_length=20, choices=Type)
    data = models.JSONField(
        _("content"),
        default=dict,
        help_text=_("The step in the format of courses/content/SCHEMA.md."),
    )

    objects = StaleOnWriteQuerySet.as_manager()

    class Meta:
        ordering = ["course", "position"]
        verbose_name = _("step")
        verbose_name_plural = _("steps")
        constraints = [
            models.UniqueConstraint(fields=["course", "position"], name="step_unique_position"),
        ]

    def __str__(self):
        return f"{self.course_id} #{self.position} {self.type}"

    @property
    def is_exercise(self):
        return self.type != self.Type.EXPLANATION

    def clean(self):
        super().clean()
        from courses.content import validate_step

        data = dict(self.data or {})
        data.setdefault("type", self.type)
        errors = validate_step(data)
        if errors:
            raise ValidationError({"data": errors})
        if data["type"] != self.type:
            raise ValidationError({"type": _("The type must match the content's type.")})


class PositioningQuestion(models.Model):
    """One question of the positioning test; ``data`` holds prompt and choices as in the file."""

    position = models.PositiveSmallIntegerField(_("position"), unique=True)
    area_code = models.CharField(_("DigComp area"), max_length=5)
    level = models.PositiveSmallIntegerField(_("level"))
    version = models.PositiveIntegerField(_("version"), default=1)
    data = models.JSONField(_("content"), default=dict)

    class Meta:
        ordering = ["position"]
        verbose_name = _("positioning question")
        verbose_name_plural = _("positioning questions")

    def __str__(self):
        return f"{self.position}. {self.area_code} / {self.level}"

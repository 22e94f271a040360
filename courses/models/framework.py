from django.db import models
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from crosslearn.lib.caching import StaleOnWriteQuerySet


class Framework(models.Model):
    """A version of the European digital competence framework (DigComp 2.2, later 3.0…)."""

    cached_in = ("course-content",)  # cached pages and entries read it (crosslearn.lib.caching)

    name = models.CharField(_("name"), max_length=50)
    version = models.CharField(_("version"), max_length=10)
    reference = models.CharField(_("reference"), max_length=300, blank=True)
    is_current = models.BooleanField(_("current"), default=False)

    objects = StaleOnWriteQuerySet.as_manager()

    class Meta:
        verbose_name = _("competence framework")
        verbose_name_plural = _("competence frameworks")
        constraints = [
            models.UniqueConstraint(fields=["name", "version"], name="framework_unique_version"),
            models.UniqueConstraint(
                fields=["is_current"],
                condition=models.Q(is_current=True),
                name="framework_one_current",
            ),
        ]

    def __str__(self):
        return f"{self.name} {self.version}"


class Area(models.Model):
    cached_in = ("course-content",)  # cached pages and entries read it (crosslearn.lib.caching)
    framework = models.ForeignKey(
        Framework, verbose_name=_("framework"), on_delete=models.CASCADE, related_name="areas"
    )
    code = models.CharField(_("code"), max_length=5)
    title = models.CharField(_("title"), max_length=200)

    objects = StaleOnWriteQuerySet.as_manager()

    class Meta:
        ordering = ["framework", "code"]
        verbose_name = _("competence area")
        verbose_name_plural = _("competence areas")
        constraints = [
            models.UniqueConstraint(fields=["framework", "code"], name="area_unique_code"),
        ]

    def __str__(self):
        return f"{self.code} {self.title}"


class CompetenceQuerySet(StaleOnWriteQuerySet):
    def current(self):
        return self.filter(area__framework__is_current=True)

    def with_progress_for(self, user):
        """Annotate each competence with the user's progress, counted in the database.

        ``courses_total``: published courses on the competence; ``courses_completed``: those the
        user passed (finished with enough right answers); ``level_reached``: the highest level
        among the passed ones (or None): finishing with 2 of 8 right raises nothing.
        """
        from courses.models.progress import Progress

        done = (
            Progress.objects.filter(
                user=user,
                passed=True,
                course__published=True,
                course__competences=models.OuterRef("pk"),
            )
            .order_by()
            .values("user")
        )
        return self.annotate(
            courses_total=models.Count("courses", filter=models.Q(courses__published=True)),
            courses_completed=Coalesce(
                models.Subquery(done.annotate(n=models.Count("pk")).values("n")), 0
            ),
            level_reached=models.Subquery(
                done.annotate(top=models.Max("course__level")).values("top")
            ),
        )


class Competence(models.Model):
    cached_in = ("course-content",)  # cached pages and entries read it (crosslearn.lib.caching)
    area = models.ForeignKey(
        Area, verbose_name=_("area"), on_delete=models.CASCADE, related_name="competences"
    )
    code = models.CharField(_("code"), max_length=5)
    title = models.CharField(_("title"), max_length=200)
    working_translations = models.CharField(
        _("working translations"),
        max_length=20,
        blank=True,
        help_text=_(
            "Languages whose title is our working translation, "
            "to replace when an official one exists."
        ),
    )

    objects = CompetenceQuerySet.as_manager()

    class Meta:
        ordering = ["area__framework", "code"]
        verbose_name = _("competence")
        verbose_name_plural = _("competences")
        constraints = [
            models.UniqueConstraint(fields=["area", "code"], name="competence_unique_code"),
        ]

    def __str__(self):
        return f"{self.code} {self.title}"


class ProficiencyLevel(models.Model):
    cached_in = ("course-content",)  # cached pages and entries read it (crosslearn.lib.caching)
    framework = models.ForeignKey(
        Framework, verbose_name=_("framework"), on_delete=models.CASCADE, related_name="levels"
    )
    number = models.PositiveSmallIntegerField(_("level"))
    band = models.CharField(_("band"), max_length=50)
    description = models.CharField(_("description"), max_length=300)
    working_translations = models.CharField(_("working translations"), max_length=20, blank=True)

    objects = StaleOnWriteQuerySet.as_manager()

    class Meta:
        ordering = ["framework", "number"]
        verbose_name = _("proficiency level")
        verbose_name_plural = _("proficiency levels")
        constraints = [
            models.UniqueConstraint(fields=["framework", "number"], name="level_unique_number"),
            models.CheckConstraint(
                condition=models.Q(number__range=(1, 8)), name="level_between_1_and_8"
            ),
        ]

    def __str__(self):
        return f"{self.number} – {self.band}"

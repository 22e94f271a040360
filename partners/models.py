from django.db import models
from django.utils.translation import gettext_lazy as _


class Country(models.TextChoices):
    FRANCE = "FR", _("France")
    BELGIUM = "BE", _("Belgium")


class Partner(models.Model):
    """An operator of the programme (WeTechCare, Emmaüs Connect, District09, EPN de Wallonie)."""

    code = models.CharField(_("code"), max_length=10, unique=True)
    name = models.CharField(_("name"), max_length=200)
    country = models.CharField(_("country"), max_length=2, choices=Country)
    region = models.CharField(_("region"), max_length=100)
    language = models.CharField(_("working language"), max_length=5)
    is_lead = models.BooleanField(_("lead partner"), default=False)

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


class StructureKind(models.Model):
    code = models.SlugField(_("code"), max_length=30, unique=True)
    name = models.CharField(_("name"), max_length=100)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "code"]
        verbose_name = _("structure kind")
        verbose_name_plural = _("structure kinds")

    def __str__(self):
        return self.name

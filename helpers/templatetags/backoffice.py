"""The admin home's "to do" list: what waits for the operator, within their partner."""

from django import template
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from helpers.models import Accompaniment, Membership
from partners.models import ImportJob, Structure
from training.models import TrainingSession

register = template.Library()


def _waiting(user):
    """(label, count, admin list URL) for each kind of work waiting for ``user``."""
    return [
        (
            _("Structures to approve"),
            Structure.objects.visible_to(user).filter(status=Structure.Status.PENDING),
            reverse("admin:partners_structure_changelist") + "?status__exact=pending",
        ),
        (
            _("Helpers asking to join a structure"),
            Membership.objects.visible_to(user).pending(),
            reverse("admin:helpers_membership_changelist") + "?status__exact=pending",
        ),
        (
            _("Sessions held whose attendance is not marked"),
            TrainingSession.objects.visible_to(user)
            .with_unmarked_attendance()
            .filter(starts_at__lte=timezone.now()),
            reverse("admin:training_trainingsession_changelist") + "?attendance=to_mark",
        ),
        (
            _("Imports checked, waiting for your confirmation"),
            ImportJob.objects.visible_to(user).filter(status=ImportJob.Status.CHECKED),
            reverse("admin:partners_importjob_changelist") + "?status__exact=checked",
        ),
        (
            _("Unusual accompaniments to review"),
            Accompaniment.objects.visible_to(user)
            .exclude(review_reasons=[])
            .filter(reviewed_at__isnull=True),
            reverse("admin:helpers_accompaniment_changelist") + "?review=todo",
        ),
    ]


@register.inclusion_tag("admin/_to_do.html", takes_context=True)
def to_do(context):
    user = context["request"].user
    items = [(label, rows.count(), url) for label, rows, url in _waiting(user)]
    return {"items": [item for item in items if item[1]], "checked": len(items)}

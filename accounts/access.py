"""Who may see what, in one place: each scoped model declares its partner once.

A model whose rows belong to a partner declares, on its QuerySet, the lookup from the model to
its partner::

    class AccompanimentQuerySet(ScopedQuerySet):
        partner_path = "structure__partner"
        structure_path = "structure"   # optional: what a helper of a structure may see

Then ``Accompaniment.objects.for_partner(p)`` and ``.visible_to(user)`` are the only filters
by partner anywhere: in the admin, site views, imports, indicators and dashboards.
``get_for_user(queryset, user, pk)`` returns ``(obj, can_write)`` and answers 404 for an object
outside the person's reach, as if it did not exist.

A person's reach comes from their rights (``accounts.roles``): superusers reach everything and
write; coordinators read every partner; operators read and write their own partner; helpers
reach their approved structure (never a structure they only asked to join).
This module imports no other domain app.
"""

import dataclasses

from django.db import models
from django.http import Http404


@dataclasses.dataclass(frozen=True)
class Reach:
    everything: bool = False
    partner_id: int | None = None
    structure_id: int | None = None
    can_write: bool = False


NOTHING = Reach()


def reach_of(user):
    """What ``user`` reaches: everything, one partner, one structure, or nothing."""
    from accounts import roles  # roles needs the models, which need this module

    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return NOTHING
    if user.is_superuser:
        return Reach(everything=True, can_write=True)
    if roles.operates_partner(user):
        if not user.partner_id:
            return NOTHING
        return Reach(partner_id=user.partner_id, can_write=True)
    if roles.reads_every_partner(user):
        return Reach(everything=True)
    structure_id = approved_structure_id(user)
    if structure_id and roles.uses_helper_space(user):
        return Reach(structure_id=structure_id, can_write=True)
    return NOTHING


def approved_structure_id(user):
    """The structure whose partner approved ``user`` as its helper, or None.

    A helper profile points to a structure only once the membership is approved (helpers'
    membership services keep it so), so a pending request reaches nothing.
    """
    profile = getattr(user, "helper_profile", None) if user.pk else None
    return profile.structure_id if profile is not None else None


def partner_path(model):
    """The lookup from ``model`` to its partner, or None if the model is not scoped."""
    queryset_class = getattr(model._default_manager, "_queryset_class", None)
    return getattr(queryset_class, "partner_path", None)


class ScopedQuerySet(models.QuerySet):
    partner_path = None  # e.g. "structure__partner"; "pk" for the Partner model itself
    structure_path = None  # e.g. "structure"; None: helpers reach none of these rows

    def for_partner(self, partner):
        """Rows of ``partner`` (a Partner or its id)."""
        return self.filter(**{self.partner_path: partner})

    def visible_to(self, user, reach=None):
        reach = reach or reach_of(user)
        if reach.everything:
            return self
        if reach.partner_id:
            return self.for_partner(reach.partner_id)
        if reach.structure_id and self.structure_path:
            return self.filter(**{self.structure_path: reach.structure_id})
        return self.none()


def get_for_user(queryset, user, pk):
    """``(obj, can_write)`` for the object ``pk`` within ``user``'s reach; else 404.

    ``queryset``: a scoped model's QuerySet, with whatever ``select_related`` the page needs.
    """
    reach = reach_of(user)
    try:
        obj = queryset.visible_to(user, reach).get(pk=pk)
    except (queryset.model.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    return obj, reach.can_write


def get_for_worker(queryset, user, pk):
    """Like ``get_for_user``, for pages about a person (a learner): only the people who work
    with them, the operators of its partner and the helpers of its structure, reach it.
    Programme-wide readers (coordinators, superusers) see the figures, not the people: 404."""
    reach = reach_of(user)
    if reach.everything:
        raise Http404
    return get_for_user(queryset, user, pk)

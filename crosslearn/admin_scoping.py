"""Scope Django admin pages to the operator's partner.

Operators (``accounts.operate_partner``) see and edit only their own partner's objects; other
partners' objects do not exist for them (404, never a redirect that would confirm the id).
Coordinators (``accounts.view_programme_reports``) see everything and change nothing.
Superusers do everything. Anyone else sees nothing.

Declare where the partner is, as a lookup from the model::

    class AccompanimentAdmin(PartnerScopedAdmin, admin.ModelAdmin):
        partner_lookup = "structure__partner"

Foreign-key and many-to-many choices in forms and list filters are limited the same way, by
the related model's own lookup in ``RELATED_PARTNER_LOOKUPS``.
"""

from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.http import Http404

# How to reach the partner from each model a form may offer as a choice.
RELATED_PARTNER_LOOKUPS = {
    "partners.partner": "pk",
    "partners.structure": "partner",
    "helpers.trainingsession": "partner",
    "helpers.participation": "session__partner",
    "helpers.helperprofile": "structure__partner",
    "helpers.accompaniment": "structure__partner",
    "accounts.user": "helper_profile__structure__partner",
}

OPERATE = "accounts.operate_partner"
READ_ALL = "accounts.view_programme_reports"


def partner_scope(user):
    """``None`` for people who see every partner, the partner id for operators, ``False`` else."""
    if not user.is_active:
        return False
    if user.is_superuser:
        return None
    if user.has_perm(OPERATE):
        return user.partner_id or False
    if user.has_perm(READ_ALL):
        return None
    return False


def scope_queryset(queryset, user, lookup):
    scope = partner_scope(user)
    if scope is None:
        return queryset
    if scope is False:
        return queryset.none()
    return queryset.filter(**{lookup: scope})


def is_read_only(user):
    return not user.is_superuser and not user.has_perm(OPERATE)


class PartnerScopedAdmin:
    """Mix into a ModelAdmin before ``admin.ModelAdmin`` (or ``SimpleHistoryAdmin``)."""

    partner_lookup = "partner"

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        return scope_queryset(queryset, request.user, self.partner_lookup)

    # Coordinators read; only operators (and superusers) write.
    def has_add_permission(self, request, *args):
        return not is_read_only(request.user) and super().has_add_permission(request, *args)

    def has_change_permission(self, request, obj=None):
        if is_read_only(request.user):
            return False
        return super().has_change_permission(request, obj) and self._in_scope(request, obj)

    def has_delete_permission(self, request, obj=None):
        if is_read_only(request.user):
            return False
        return super().has_delete_permission(request, obj) and self._in_scope(request, obj)

    def has_view_permission(self, request, obj=None):
        return super().has_view_permission(request, obj) and self._in_scope(request, obj)

    def _in_scope(self, request, obj):
        if obj is None or obj.pk is None:
            return True
        return self.get_queryset(request).filter(pk=obj.pk).exists()

    def delete_view(self, request, object_id, extra_context=None):
        # Look the object up before the right to delete: out of scope is 404, not 403.
        if self.get_object(request, unquote(object_id)) is None:
            raise Http404
        return super().delete_view(request, object_id, extra_context)

    def _get_obj_does_not_exist_redirect(self, request, opts, object_id):
        # Django redirects to the index with a message; another partner's object must simply
        # not exist for an operator, so answer 404 like for an id that was never used.
        raise Http404

    # Choices in forms: only the partner's own structures, sessions, helpers…
    def _limit(self, request, db_field, formfield):
        if formfield is None or not hasattr(formfield, "queryset"):
            return formfield
        label = db_field.related_model._meta.label_lower
        lookup = RELATED_PARTNER_LOOKUPS.get(label)
        if lookup:
            formfield.queryset = scope_queryset(formfield.queryset, request.user, lookup)
        return formfield

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        formfield = super().formfield_for_foreignkey(db_field, request, **kwargs)
        return self._limit(request, db_field, formfield)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        formfield = super().formfield_for_manytomany(db_field, request, **kwargs)
        return self._limit(request, db_field, formfield)


class PartnerScopedInline(PartnerScopedAdmin):
    """For inlines: the parent page is scoped already; only choices and write rights remain."""

    def get_queryset(self, request):
        return admin.options.InlineModelAdmin.get_queryset(self, request)

    def has_add_permission(self, request, obj=None):
        return not is_read_only(request.user) and super(
            PartnerScopedAdmin, self
        ).has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return not is_read_only(request.user) and super(
            PartnerScopedAdmin, self
        ).has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not is_read_only(request.user) and super(
            PartnerScopedAdmin, self
        ).has_delete_permission(request, obj)


class ScopedHistoryMixin:
    """For ``SimpleHistoryAdmin``: history is read-only and scoped like its object.

    No revert (a revert rewrites the object from the past without the usual checks), no
    history page for an object out of scope, and no admin page edits or deletes history rows
    (the historical models are not registered in the admin at all).
    """

    def revert_disabled(self, request, obj=None):
        return True

    def history_view(self, request, object_id, extra_context=None):
        self._get_scoped_or_404(request, object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        from django.core.exceptions import PermissionDenied

        self._get_scoped_or_404(request, object_id)
        if request.method != "GET":
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)

    def _get_scoped_or_404(self, request, object_id):
        obj = self.get_object(request, object_id)
        if obj is None or not self.has_view_or_change_permission(request, obj):
            raise Http404
        return obj

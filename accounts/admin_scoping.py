"""Scope Django admin pages with the access layer (``accounts.access``).

Operators see and edit only their own partner's objects; other partners' objects do not exist
for them (404, never a redirect that would confirm the id). Coordinators see everything and
change nothing. Superusers do everything. Anyone else sees nothing. Where a model's partner is
is declared once, on its QuerySet (``partner_path``); foreign-key and many-to-many choices in
forms are limited by the related model's own declaration.
"""

from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.http import Http404

from accounts.access import ScopedQuerySet, reach_of


def is_read_only(user):
    return not reach_of(user).can_write


class PartnerScopedAdmin:
    """Mix into a ModelAdmin before ``admin.ModelAdmin`` (or ``SimpleHistoryAdmin``)."""

    def get_queryset(self, request):
        return super().get_queryset(request).visible_to(request.user)

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
        if isinstance(formfield.queryset, ScopedQuerySet):
            formfield.queryset = formfield.queryset.visible_to(request.user)
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

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from accounts.admin_scoping import PartnerScopedAdmin
from accounts.models import LearnerProfile, User
from accounts.services import assign_role


@admin.register(User)
class UserAdmin(PartnerScopedAdmin, BaseUserAdmin):
    # Operators see the helpers of their partner's structures; coordinators see everyone.
    ordering = ["email"]
    list_display = ["email", "first_name", "last_name", "role", "partner", "is_active"]
    list_filter = ["role", "partner", "is_active", "language"]
    list_select_related = ["partner"]
    search_fields = ["email", "first_name", "last_name"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Person"), {"fields": ["first_name", "last_name", "language"]}),
        (_("Role"), {"fields": ["role", "partner", "is_active", "is_staff", "is_superuser"]}),
        (_("Dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]})]
    readonly_fields = ["last_login", "date_joined"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        # Keep the role's group (and so its permissions) in step with the role field.
        assign_role(user=obj, role=obj.role, partner=obj.partner)


@admin.register(LearnerProfile)
class LearnerProfileAdmin(PartnerScopedAdmin, admin.ModelAdmin):
    """Learners followed by the partner's structures, read-only: helpers manage them on the site."""

    list_display = ["card_username", "first_name", "structure", "created_at", "last_activity"]
    list_select_related = ["user", "structure"]
    search_fields = ["card_username", "user__first_name", "structure__name"]
    fields = ["learner_page", "card_username", "structure", "created_at", "last_activity"]
    readonly_fields = fields

    @admin.display(description=_("first name or pseudonym"), ordering="user__first_name")
    def first_name(self, obj):
        return obj.user.first_name

    @admin.display(description=_("learner page"))
    def learner_page(self, obj):
        url = reverse("helpers:learner", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, _("Open the learner's page"))

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

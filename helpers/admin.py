from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin

from accounts.admin_scoping import PartnerScopedAdmin, ScopedHistoryMixin
from crosslearn.lib.spreadsheets import download
from helpers import limits
from helpers.models import Accompaniment, HelperProfile, Membership
from helpers.services import membership as membership_service
from helpers.services.accompaniments import export_rows


class ToReviewFilter(admin.SimpleListFilter):
    """Unusual entries (helpers.limits) nobody has reviewed yet."""

    title = _("review")
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return [("todo", _("To review")), ("done", _("Reviewed"))]

    def queryset(self, request, queryset):
        if self.value() == "todo":
            return queryset.exclude(review_reasons=[]).filter(reviewed_at__isnull=True)
        if self.value() == "done":
            return queryset.filter(reviewed_at__isnull=False)
        return queryset


@admin.register(Accompaniment)
class AccompanimentAdmin(PartnerScopedAdmin, ScopedHistoryMixin, SimpleHistoryAdmin):
    list_display = [
        "ref",
        "date",
        "kind",
        "participants",
        "duration_minutes",
        "helper",
        "structure",
        "to_review",
    ]
    list_filter = [ToReviewFilter, "kind", "place", "date", "structure__partner"]
    list_select_related = ["helper", "structure"]
    search_fields = ["ref", "helper__email", "structure__name", "structure__ref", "postal_code"]
    autocomplete_fields = ["helper", "structure", "activity_place", "learner"]
    filter_horizontal = ["themes"]
    date_hierarchy = "date"
    readonly_fields = ["created_at", "updated_at", "review_reasons", "reviewed_at", "reviewed_by"]
    actions = ["mark_reviewed", "export_csv"]

    @admin.display(description=_("to review because"))
    def to_review(self, obj):
        if obj.reviewed_at or not obj.review_reasons:
            return "—"
        return "; ".join(str(limits.Review.LABELS.get(r, r)) for r in obj.review_reasons)

    def save_model(self, request, obj, form, change):
        obj.flag_if_unusual()
        super().save_model(request, obj, form, change)

    @admin.action(description=_("Mark the selected entries as reviewed"))
    def mark_reviewed(self, request, queryset):
        if not self.has_change_permission(request):
            raise PermissionDenied
        count = queryset.filter(reviewed_at__isnull=True).update(
            reviewed_at=timezone.now(), reviewed_by=request.user
        )
        self.message_user(
            request,
            ngettext("%(count)d entry reviewed.", "%(count)d entries reviewed.", count)
            % {"count": count},
            messages.SUCCESS,
        )

    @admin.action(
        description=_("Download the selected entries with the national report's columns (CSV)")
    )
    def export_csv(self, request, queryset):
        rows = export_rows(queryset.order_by("date", "pk"), private=False)
        return download(next(rows), rows, filename="accompaniments-cra", fmt="csv")


@admin.register(HelperProfile)
class HelperProfileAdmin(PartnerScopedAdmin, admin.ModelAdmin):
    list_display = ["user", "full_name", "structure", "sector", "created_at"]
    list_filter = ["sector", "structure__partner"]
    list_select_related = ["user", "structure", "sector"]
    search_fields = ["user__email", "user__first_name", "user__last_name", "structure__name"]
    # The structure changes only through an approved membership request.
    fields = ["user", "structure", "sector", "calendar_token", "created_at"]
    readonly_fields = ["user", "structure", "calendar_token", "created_at"]

    def has_add_permission(self, request):
        return False

    @admin.display(description=_("name"), ordering="user__last_name")
    def full_name(self, obj):
        return obj.user.get_full_name()


@admin.register(Membership)
class MembershipAdmin(PartnerScopedAdmin, admin.ModelAdmin):
    """Requests to help at a structure: the structure's partner approves or refuses them."""

    list_display = ["helper", "helper_name", "structure", "status", "requested_at", "decided_by"]
    list_filter = ["status", "structure__partner", "requested_at"]
    list_select_related = ["helper", "structure", "decided_by"]
    search_fields = ["helper__email", "helper__first_name", "helper__last_name", "structure__name"]
    fields = ["helper", "helper_name", "structure", "status", "requested_at", "decided_at"]
    fields += ["decided_by"]
    readonly_fields = fields
    actions = ["approve", "refuse", "withdraw"]

    @admin.display(description=_("name"), ordering="helper__last_name")
    def helper_name(self, obj):
        return obj.helper.get_full_name()

    def has_add_permission(self, request):
        return False  # people ask on the site (become a helper); imports approve in bulk

    def has_delete_permission(self, request, obj=None):
        return False  # the record of who approved whom stays

    def _decide(self, request, queryset, decide, done_message):
        if not self.has_change_permission(request):
            raise PermissionDenied
        count = sum(decide(membership=m, by=request.user) for m in queryset)
        skipped = queryset.count() - count
        self.message_user(request, done_message(count) % {"count": count}, messages.SUCCESS)
        if skipped:
            self.message_user(
                request,
                ngettext(
                    "%(count)d request was left as it was: it is not in a state to change.",
                    "%(count)d requests were left as they were: they are not in a state to change.",
                    skipped,
                )
                % {"count": skipped},
                messages.WARNING,
            )

    @admin.action(description=_("Approve the selected requests (the helper is told)"))
    def approve(self, request, queryset):
        pending_structures = queryset.exclude(structure__status="approved")
        if pending_structures.exists():
            self.message_user(
                request,
                _("Approve the structure first: a helper joins approved structures only."),
                messages.ERROR,
            )
            return
        self._decide(
            request,
            queryset,
            membership_service.approve_membership,
            lambda n: ngettext("%(count)d helper approved.", "%(count)d helpers approved.", n),
        )

    @admin.action(description=_("Refuse the selected requests (the helper is told)"))
    def refuse(self, request, queryset):
        self._decide(
            request,
            queryset,
            membership_service.refuse_membership,
            lambda n: ngettext("%(count)d request refused.", "%(count)d requests refused.", n),
        )

    @admin.action(description=_("Withdraw the selected approvals: their figures stop counting"))
    def withdraw(self, request, queryset):
        self._decide(
            request,
            queryset,
            membership_service.withdraw_membership,
            lambda n: ngettext(
                "%(count)d membership withdrawn.", "%(count)d memberships withdrawn.", n
            ),
        )

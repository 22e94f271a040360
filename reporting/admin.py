from django.contrib import admin

from reporting.models import DailyPlatformSessions, Programme, Semester, Snapshot, Target


class SemesterInline(admin.TabularInline):
    model = Semester
    extra = 0
    readonly_fields = ["number", "start", "end"]
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class TargetInline(admin.TabularInline):
    model = Target
    extra = 0


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ["slug", "name", "start", "end"]
    inlines = [SemesterInline, TargetInline]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        form.instance.rebuild_semesters()


class ReadOnlyAdmin(admin.ModelAdmin):
    """Figures written by the nightly tasks: visible for audit, never edited by hand."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(DailyPlatformSessions)
class DailyPlatformSessionsAdmin(ReadOnlyAdmin):
    list_display = ["day", "region", "sessions"]
    list_filter = ["region"]
    date_hierarchy = "day"


@admin.register(Snapshot)
class SnapshotAdmin(ReadOnlyAdmin):
    list_display = ["semester", "taken_on", "frozen"]
    list_filter = ["frozen", "semester__programme"]
    list_select_related = ["semester__programme"]
    date_hierarchy = "taken_on"
    exclude = ["rows"]
    readonly_fields = ["semester", "taken_on", "frozen", "created_at"]

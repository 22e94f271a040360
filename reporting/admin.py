from django.contrib import admin

from reporting.models import Programme, Semester, Target


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

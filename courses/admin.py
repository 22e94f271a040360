from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from courses.models import (
    Area,
    Competence,
    Course,
    Framework,
    PositioningQuestion,
    PositioningResult,
    ProficiencyLevel,
    Step,
)


@admin.register(Framework)
class FrameworkAdmin(admin.ModelAdmin):
    list_display = ["name", "version", "is_current"]


@admin.register(Area)
class AreaAdmin(TranslationAdmin):
    list_display = ["code", "title", "framework"]
    list_select_related = ["framework"]


@admin.register(Competence)
class CompetenceAdmin(TranslationAdmin):
    list_display = ["code", "title", "area", "working_translations"]
    list_filter = ["area__framework", "area"]
    list_select_related = ["area"]
    search_fields = ["code", "title"]


@admin.register(ProficiencyLevel)
class ProficiencyLevelAdmin(TranslationAdmin):
    list_display = ["number", "band", "description", "framework"]
    list_select_related = ["framework"]


class StepInline(admin.StackedInline):
    model = Step
    extra = 0
    ordering = ["position"]
    fields = ["position", "type", "data"]


@admin.register(Course)
class CourseAdmin(TranslationAdmin):
    list_display = ["title", "slug", "audience", "level", "country", "published", "preview"]
    list_filter = ["published", "audience", "level", "country", "helper_stage", "competences__area"]
    list_select_related = ["variant_of", "sector"]
    search_fields = ["slug", "title"]
    filter_horizontal = ["competences"]
    autocomplete_fields = ["variant_of"]
    inlines = [StepInline]
    readonly_fields = ["preview"]

    @admin.display(description=_("Preview"))
    def preview(self, obj):
        if not obj.pk:
            return "–"
        return format_html(
            '<a href="{}?preview=1" target="_blank">{}</a>', obj.get_absolute_url(), _("Preview")
        )


@admin.register(PositioningQuestion)
class PositioningQuestionAdmin(admin.ModelAdmin):
    list_display = ["position", "area_code", "level", "version"]


@admin.register(PositioningResult)
class PositioningResultAdmin(admin.ModelAdmin):
    list_display = ["created_at", "source", "learner_name", "user", "entered_by"]
    list_select_related = ["user", "entered_by"]
    list_filter = ["source"]
    readonly_fields = ["user", "entered_by", "answers", "levels"]

from django import forms
from django.contrib import admin
from django.db.models import F
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


class StepForm(forms.ModelForm):
    class Meta:
        model = Step
        fields = ["position", "type", "data"]

    def validate_unique(self):
        # Positions are checked against each other by the formset (every step of the course is
        # in it), so that steps can swap places; CourseAdmin.save_formset writes them safely.
        pass


class StepInline(admin.StackedInline):
    model = Step
    form = StepForm
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

    def save_formset(self, request, form, formset, change):
        if formset.model is Step:
            moved = [
                f.instance.pk
                for f in formset.initial_forms
                if f.instance.pk and "position" in f.changed_data
            ]
            # Park moved steps out of the way so that two steps can swap positions.
            Step.objects.filter(pk__in=moved).update(position=F("position") + 10000)
        super().save_formset(request, form, formset, change)

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

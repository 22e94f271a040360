from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from courses.models import Area, Competence, Framework, ProficiencyLevel


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

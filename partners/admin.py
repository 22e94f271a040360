from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from partners.models import Partner, StructureKind, ZoneRule


@admin.register(Partner)
class PartnerAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "country", "region", "language", "is_lead"]
    list_filter = ["country"]
    search_fields = ["code", "name"]


@admin.register(ZoneRule)
class ZoneRuleAdmin(admin.ModelAdmin):
    list_display = ["country", "name", "first", "last"]
    list_filter = ["country"]


@admin.register(StructureKind)
class StructureKindAdmin(TranslationAdmin):
    list_display = ["code", "name", "position"]

from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from helpers.models import Sector


@admin.register(Sector)
class SectorAdmin(TranslationAdmin):
    list_display = ["code", "name", "position"]

from modeltranslation.translator import TranslationOptions, register

from helpers.models import Sector


@register(Sector)
class SectorTranslation(TranslationOptions):
    fields = ("name",)

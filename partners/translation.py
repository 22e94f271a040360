from modeltranslation.translator import TranslationOptions, register

from partners.models import Sector, StructureKind


@register(StructureKind)
class StructureKindTranslation(TranslationOptions):
    fields = ("name",)


@register(Sector)
class SectorTranslation(TranslationOptions):
    fields = ("name",)

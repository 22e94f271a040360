from modeltranslation.translator import TranslationOptions, register

from partners.models import Partner, Sector, StructureKind


@register(StructureKind)
class StructureKindTranslation(TranslationOptions):
    fields = ("name",)


@register(Sector)
class SectorTranslation(TranslationOptions):
    fields = ("name",)


@register(Partner)
class PartnerTranslation(TranslationOptions):
    fields = ("name",)  # the name itself, with a note in the reader's language

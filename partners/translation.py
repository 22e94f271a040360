from modeltranslation.translator import TranslationOptions, register

from partners.models import StructureKind


@register(StructureKind)
class StructureKindTranslation(TranslationOptions):
    fields = ("name",)

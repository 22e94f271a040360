from modeltranslation.translator import TranslationOptions, register

from courses.models import Area, Competence, Course, ProficiencyLevel


@register(Area)
class AreaTranslation(TranslationOptions):
    fields = ("title",)


@register(Competence)
class CompetenceTranslation(TranslationOptions):
    fields = ("title",)


@register(ProficiencyLevel)
class ProficiencyLevelTranslation(TranslationOptions):
    fields = ("band", "description")


@register(Course)
class CourseTranslation(TranslationOptions):
    fields = ("title", "summary")

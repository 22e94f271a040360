from django.utils.translation import gettext_lazy as _

from courses.exercise_types import register
from courses.exercise_types.base import ExerciseType, Reading


@register
class TrueFalse(ExerciseType):
    content_type = "true_false"

    def validate(self, step, where, errors):
        if not isinstance(step.get("answer"), bool):
            errors.append(f"{where}: 'answer' must be true or false")

    def read(self, data, post, language):
        answer = post.get("answer")
        reading = Reading(value={"true": True, "false": False}.get(answer))
        if answer not in ("true", "false"):
            reading.errors.append(_("Choose true or false."))
        return reading

    def is_correct(self, data, value, language):
        return value is data["answer"]

    def present(self, d, value, seed):
        d["chosen"] = value

    def solution(self, d):
        return [_("True") if d["answer"] else _("False")]

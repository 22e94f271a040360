from django.utils.translation import gettext_lazy as _

from courses.exercise_types import register
from courses.exercise_types.base import Reading, indexes
from courses.exercise_types.choices import Choices, check_choices


@register
class MultipleChoice(Choices):
    content_type = "multiple_choice"

    def validate(self, step, where, errors):
        check_choices(errors, where, step, 3, 6, exactly_one=False)

    def read(self, data, post, language):
        reading = Reading(value=indexes(post.getlist("choice"), len(data["choices"])))
        if not reading.value:
            reading.errors.append(_("Tick at least one answer."))
        return reading

    def is_correct(self, data, value, language):
        return set(value) == {i for i, c in enumerate(data["choices"]) if c["correct"]}

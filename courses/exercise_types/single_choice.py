from django.utils.translation import gettext_lazy as _

from courses.exercise_types import register
from courses.exercise_types.base import Reading, indexes
from courses.exercise_types.choices import Choices, check_choices


@register
class SingleChoice(Choices):
    content_type = "single_choice"

    def validate(self, step, where, errors):
        check_choices(errors, where, step, 2, 5, exactly_one=True)

    def read(self, data, post, language):
        picked = indexes(post.getlist("choice"), len(data["choices"]))
        reading = Reading(value=picked[0] if picked else None)
        if len(picked) != 1:
            reading.errors.append(_("Choose one answer."))
        return reading

    def is_correct(self, data, value, language):
        return value is not None and data["choices"][value]["correct"] is True

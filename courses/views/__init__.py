from courses.views.catalogue import catalogue, course_detail, my_learning
from courses.views.player import course_done, step
from courses.views.positioning import (
    positioning,
    positioning_enter,
    positioning_paper,
    positioning_result,
)

__all__ = [
    "catalogue",
    "course_detail",
    "course_done",
    "my_learning",
    "positioning",
    "positioning_enter",
    "positioning_paper",
    "positioning_result",
    "step",
]

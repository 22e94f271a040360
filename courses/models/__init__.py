from courses.models.content import Course, PositioningQuestion, Step
from courses.models.framework import Area, Competence, Framework, ProficiencyLevel
from courses.models.progress import PositioningResult, Progress

__all__ = [
    "Area",
    "Competence",
    "Course",
    "Framework",
    "PositioningQuestion",
    "PositioningResult",
    "ProficiencyLevel",
    "Progress",
    "Step",
]

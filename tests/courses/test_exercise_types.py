"""Exercise types as a registry: every type has its module and its template."""

from django.template.loader import get_template

from courses.exercise_types import REGISTRY, content_types, kinds_of


def test_every_type_of_the_content_files_is_registered():
    assert content_types() == [
        "fill_blank",
        "matching",
        "multiple_choice",
        "ordering",
        "simulation",
        "single_choice",
        "true_false",
    ]
    assert kinds_of("simulation") == ["mailbox", "web_form"]


def test_every_registered_type_has_its_template():
    for exercise in REGISTRY.values():
        assert get_template(exercise.template)

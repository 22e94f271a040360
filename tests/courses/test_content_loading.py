import json
import shutil

import pytest
from django.core.management import CommandError, call_command

from courses.loading import ContentError, load_content
from courses.models import Course, PositioningQuestion, Step
from tests.courses.conftest import DATA

pytestmark = pytest.mark.django_db


@pytest.fixture
def content_dir(tmp_path):
    target = tmp_path / "content"
    shutil.copytree(DATA, target)
    return target


def edit(path, change):
    data = json.loads(path.read_text())
    change(data)
    path.write_text(json.dumps(data))


def test_it_loads_courses_steps_competences_and_the_test(content_dir):
    load_content(content_dir)
    course = Course.objects.get(slug="send-an-email")
    assert course.published
    assert course.title_nl == "Cursus send-an-email"
    assert [c.code for c in course.competences.all()] == ["2.1"]
    assert list(course.steps.values_list("position", flat=True)) == list(range(1, 11))
    assert course.steps.get(position=2).type == Step.Type.SINGLE_CHOICE
    assert PositioningQuestion.objects.count() == 20


def test_it_links_the_country_variants_and_the_helper_stage(content_dir):
    load_content(content_dir)
    fr = Course.objects.get(slug="procedures-fr")
    assert fr.variant_of.slug == "procedures-be"
    helper = Course.objects.get(slug="spot-exclusion")
    assert (helper.helper_stage, helper.sector.code) == ("awareness", "social")


def test_loading_twice_changes_nothing_and_a_new_version_updates(content_dir):
    load_content(content_dir)
    report = load_content(content_dir)
    assert len(report.unchanged) == 4 and not report.created and not report.updated
    path = content_dir / "courses" / "send-an-email.json"

    def bump(data):
        data["version"] = 2
        data["title"]["fr"] = "Envoyer un e-mail"
        data["steps"] = data["steps"][:-1]

    edit(path, bump)
    report = load_content(content_dir)
    assert report.updated == ["send-an-email"]
    course = Course.objects.get(slug="send-an-email")
    assert (course.version, course.title_fr, course.steps.count()) == (2, "Envoyer un e-mail", 9)
    assert Course.objects.count() == 4


def test_an_invalid_file_loads_nothing_and_names_the_file_and_step(content_dir):
    path = content_dir / "courses" / "send-an-email.json"
    edit(path, lambda d: d["steps"][1]["choices"][1].update(correct=True))
    with pytest.raises(ContentError) as error:
        load_content(content_dir)
    assert (
        "send-an-email.json: step 2 (single_choice): exactly one choice must be correct, found 2"
        in error.value.errors
    )
    assert not Course.objects.exists()
    assert not PositioningQuestion.objects.exists()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["title"].pop("nl"), "send-an-email.json: 'title' needs a non-empty 'nl' text"),
        (
            lambda d: d.update(level=9),
            "send-an-email.json: 'level' must be a whole number from 1 to 8",
        ),
        (lambda d: d.update(competences=["9.9"]), "not a DigComp code"),
        (lambda d: d.update(slug="other"), "must equal the file name"),
        (lambda d: d["steps"].__setitem__(4, {**d["steps"][4], "items": []}), "step 5 (ordering)"),
        (lambda d: d["steps"][7]["text"].update(nl="geen gat"), "step 8 (fill_blank): 'text' (nl)"),
        (lambda d: d.update(steps=d["steps"][:4]), "at least 5 exercises"),
        (lambda d: d["steps"][0].update(image="missing.svg", image_alt=d["title"]), "not found"),
        (
            lambda d: d["steps"][1]["choices"][1]["why"].pop("en"),
            "step 2 (single_choice), choice 2: 'why' needs a non-empty 'en' text",
        ),
        (
            lambda d: d["steps"][8]["emails"][2].update(why="Trop pressé"),
            "step 9 (simulation), e-mail 3: 'why' must be an object with fr, nl and en",
        ),
        (
            lambda d: d["steps"][6]["pairs"][0].update(image="bell.png"),
            "step 7 (matching), pair 1: 'image' must be an SVG file name",
        ),
    ],
)
def test_validation_explains_what_is_wrong(content_dir, change, message):
    edit(content_dir / "courses" / "send-an-email.json", change)
    with pytest.raises(ContentError) as error:
        load_content(content_dir)
    assert any(message in line for line in error.value.errors), error.value.errors


def test_the_positioning_file_is_validated(content_dir):
    edit(
        content_dir / "positioning.json",
        lambda d: d["questions"][3]["choices"][0].update(correct=False),
    )
    with pytest.raises(ContentError) as error:
        load_content(content_dir)
    assert (
        "positioning.json: question 4: exactly one choice must be correct, found 0"
        in error.value.errors
    )


def test_the_command_reports_and_fails_with_the_list_of_problems(content_dir, capsys):
    call_command("load_content", path=str(content_dir))
    assert "4 created" in capsys.readouterr().out
    edit(content_dir / "courses" / "procedures-fr.json", lambda d: d.update(variant_of="nowhere"))
    with pytest.raises(CommandError, match="unknown course nowhere"):
        call_command("load_content", path=str(content_dir))


def test_the_shipped_courses_say_why_for_every_choice_and_every_e_mail():
    """Feedback names the choice that was wrong and why (issue #14, point 5)."""
    from courses.loading import CONTENT_DIR, read_content

    courses, _ = read_content(CONTENT_DIR)  # valid, pictures included
    missing = [
        f"{course['slug']} step {number}"
        for course in courses
        for number, step in enumerate(course["steps"], 1)
        for item in step.get("choices", []) + step.get("emails", [])
        if "why" not in item
    ]
    assert not missing
    symbols = [
        p
        for c in courses
        if c["slug"] == "smartphone-basics"
        for s in c["steps"]
        for p in s.get("pairs", [])
    ]
    assert symbols and all(p.get("image") for p in symbols)  # the symbols are shown, not named

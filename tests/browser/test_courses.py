"""Courses in a real browser: accessibility (axe) and an exercise done with the keyboard only."""

import re

import pytest

from courses.loading import load_content
from tests.courses.conftest import DATA

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def content(db):
    load_content(DATA)


def tab_to(page, selector, text=None, limit=60):
    """Press Tab until the focused element matches ``selector`` (and shows ``text``)."""
    script = """([s, t]) => document.activeElement.matches(s)
        && (t === null || document.activeElement.textContent.trim() === t)"""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(script, [selector, text]):
            return
    raise AssertionError(f"Tab never reached {selector} {text or ''}")


def test_the_stylesheets_are_applied(page, live_url, content):
    page.goto(live_url("/fr/learn/courses/"))
    header = page.locator(".site-header")
    assert header.evaluate("e => getComputedStyle(e).backgroundColor") == "rgb(11, 61, 145)"


@pytest.mark.parametrize(
    "path",
    [
        "/fr/learn/courses/",
        "/nl/learn/courses/?area=2",
        "/fr/learn/courses/send-an-email/",
        "/fr/learn/test/",
        "/fr/learn/test/paper/",
    ],
)
def test_course_pages_have_no_accessibility_violation(
    page, live_url, assert_accessible, content, path
):
    page.goto(live_url(path))
    assert_accessible(page)


@pytest.mark.parametrize("number", range(1, 11))
def test_every_step_type_has_no_accessibility_violation(
    page, live_url, assert_accessible, content, number
):
    page.goto(live_url(f"/fr/learn/courses/send-an-email/step/{number}/"))
    assert_accessible(page)
    if number not in (1, 6):  # exercises: also with the feedback
        page.get_by_role("button", name="Vérifier ma réponse").click()
        assert_accessible(page)


def test_the_result_page_has_no_accessibility_violation(page, live_url, assert_accessible, content):
    """The test screen by screen, keyboard only, on a phone, then its result; axe on both."""
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(live_url("/fr/learn/test/"))
    assert_accessible(page)
    for number in range(1, 21):
        assert page.locator("fieldset").count() == 1
        assert f"Question {number} sur 20" in page.locator(".test-progress").inner_text()
        page.locator("fieldset input").first.check()
        with page.expect_navigation():
            page.keyboard.press("Enter")  # submits with the first button: the next question
    page.wait_for_url("**/learn/test/result/*/")
    assert page.locator(".area-result").count() == 5
    assert_accessible(page)


@pytest.mark.parametrize(
    ("language", "courses", "start", "next_step", "check", "right", "progress"),
    [
        (
            "fr",
            "Cours",
            "Commencer le cours",
            "Étape suivante",
            "Vérifier ma réponse",
            "Bonne réponse !",
            "Étape 2 sur 10",
        ),
        (
            "nl",
            "Cursussen",
            "De cursus starten",
            "Volgende stap",
            "Mijn antwoord controleren",
            "Goed zo!",
            "Stap 2 van 10",
        ),
    ],
)
def test_a_newcomer_finishes_an_exercise_with_the_keyboard_only(
    page, live_url, content, language, courses, start, next_step, check, right, progress
):
    page.goto(live_url(f"/{language}/"))
    tab_to(page, "nav a", courses)
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/{language}/learn/courses/")
    tab_to(page, "a[href$='/learn/courses/send-an-email/']")
    page.keyboard.press("Enter")
    page.wait_for_url("**/send-an-email/")
    tab_to(page, "a", start)
    page.keyboard.press("Enter")
    page.wait_for_url("**/step/1/")
    tab_to(page, "button", next_step)
    page.keyboard.press("Enter")
    page.wait_for_url("**/step/2/")
    tab_to(page, "input[name=choice]")
    page.keyboard.press("Space")  # the first choice is the right one in the test data
    tab_to(page, "button", check)
    page.keyboard.press("Enter")
    page.wait_for_url("**/step/2/#feedback")
    assert page.locator("#feedback h2").inner_text() == right
    assert page.locator(".player-progress label").inner_text() == progress
    tab_to(page, "button", next_step)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/step/3/"))


@pytest.mark.parametrize(
    "language, greeting, resume",
    [("fr", "Bonjour Lina", "Étape 3 sur 10"), ("nl", "Hallo Lina", "Stap 3 van 10")],
)
def test_the_learner_home_is_one_screen_and_continues_a_course_in_one_tap(
    browser, live_url, content, assert_accessible, settings, language, greeting, resume
):
    from django.test import Client

    from courses.models import Course, Progress
    from tests.factories import make_user

    learner = make_user("learner", email="lina@example.org", first_name="Lina", language=language)
    course = Course.objects.get(slug="send-an-email")
    Progress.objects.create(user=learner, course=course, current_step=3)
    client = Client()
    client.force_login(learner)
    screen = {"width": 390, "height": 844}
    context = browser.new_context(viewport=screen, is_mobile=True, has_touch=True)
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_url("/")}]
    )
    page = context.new_page()
    page.goto(live_url(f"/{language}/learn/"))
    assert greeting in page.locator("h1").inner_text()
    button = page.locator(".next-step a").first
    assert resume in button.inner_text()
    box = button.bounding_box()
    assert box["y"] + box["height"] <= screen["height"]  # in the first screen
    main = page.locator("main").bounding_box()
    assert main["y"] + main["height"] <= 2 * screen["height"]  # no wall of tables
    assert page.locator("details.digcomp-detail").get_attribute("open") is None
    assert page.evaluate("document.documentElement.scrollWidth") <= screen["width"]
    assert_accessible(page)
    shots = settings.BASE_DIR / "var" / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=shots / f"learner-home-390-{language}.png", full_page=True)
    button.tap()  # one tap: back in the course, at the step where they stopped
    page.wait_for_url(f"**/{language}/learn/courses/send-an-email/step/3/")
    context.close()

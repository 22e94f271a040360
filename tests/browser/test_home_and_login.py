import pytest

from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("language", ["fr", "nl", "en"])
def test_the_home_page_has_no_accessibility_violation(page, live_url, assert_accessible, language):
    page.goto(live_url(f"/{language}/"))
    assert page.locator("html").get_attribute("lang") == language
    assert_accessible(page)


def test_the_login_page_has_no_accessibility_violation(page, live_url, assert_accessible):
    page.goto(live_url("/fr/accounts/login/"))
    assert_accessible(page)


def test_the_skip_link_is_the_first_stop_and_leads_to_the_content(page, live_url):
    page.goto(live_url("/fr/"))
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def tab_to(page, selector, limit=40):
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def test_a_learner_logs_in_with_the_keyboard_only(page, live_url, learner):
    page.goto(live_url("/fr/accounts/login/"))
    tab_to(page, "input[name=login]")
    page.keyboard.type(learner.email)
    tab_to(page, "input[name=password]")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url("**/fr/learn/")
    assert "Mon apprentissage" in page.title()  # the learner home greets them by name


def test_the_language_switcher_works_without_javascript(browser, live_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_url("/fr/accounts/login/"))
    page.get_by_role("link", name="Nederlands").click()
    page.wait_for_url("**/nl/accounts/login/")
    assert page.locator("html").get_attribute("lang") == "nl"
    context.close()

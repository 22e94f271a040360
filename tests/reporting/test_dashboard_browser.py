import datetime
import os

import pytest

from tests.browser.harness import log_in
from tests.factories import ParticipationFactory, StructureFactory, TrainingSessionFactory
from tests.reporting.conftest import paris

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def some_figures(partners, people):
    for index, person in enumerate(people(6)):
        partner = ["WTC", "D09", "EPN"][index % 3]
        session = TrainingSessionFactory(
            partner=partners[partner], starts_at=paris(2020 + index // 3, 3 + index, 1, 9)
        )
        ParticipationFactory(session=session, person=person, attendance="present")
    StructureFactory.create_batch(3, affiliated_on=datetime.date(2021, 2, 1))


@pytest.mark.parametrize("language", ["fr", "nl", "en"])
def test_the_dashboard_has_no_accessibility_violation(
    page, live_url, assert_accessible, coordinator, some_figures, language
):
    log_in(page, live_url, coordinator)
    page.goto(live_url(f"/{language}/reports/?by=region&semester=S2"))
    # Six indicators per semester, and the same six split by region.
    assert page.locator("svg.bar-chart").count() == 16
    assert_accessible(page)
    if os.environ.get("REPORTING_SCREENSHOT"):
        page.screenshot(path=f"{os.environ['REPORTING_SCREENSHOT']}-{language}.png", full_page=True)


def test_the_filters_work_with_the_keyboard_and_without_javascript(
    browser, live_url, operator_a, some_figures
):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    log_in(page, live_url, operator_a)
    page.goto(live_url("/en/reports/"))
    page.select_option("#id_semester", "S1")
    page.focus("#id_by")
    page.get_by_role("button", name="Show").press("Enter")
    page.wait_for_url("**/en/reports/?semester=S1&by=partner")
    assert "Detail for S1" in page.locator("#detail-title").inner_text()
    context.close()

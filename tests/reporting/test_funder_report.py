"""The funder report a funder files as it is: the programme, its period in words, places for
the partners' logos, and tables that keep to an A4 page."""

import re

import pytest
from django.utils import translation

from partners.models import Partner
from reporting import exports, indicators
from reporting.indicators import find_semester
from tests.factories import ParticipationFactory, TrainingSessionFactory
from tests.reporting.conftest import paris

pytestmark = pytest.mark.django_db
A4 = (793.7, 1122.5)  # CSS pixels, 210 × 297 mm
PERIODS = {
    "fr": (
        "Programme du 1 juillet 2020 au 30 juin 2022.",
        "Semestre S2\u00a0: du 1 janvier 2021 au 30 juin 2021.",
    ),
    "nl": (
        "Programma van 1 juli 2020 tot 30 juni 2022.",
        "Semester S2: van 1 januari 2021 tot 30 juni 2021.",
    ),
    "en": (
        "Programme from 1 July 2020 to 30 June 2022.",
        "Semester S2: from 1 January 2021 to 30 June 2021.",
    ),
}


def report_html(programme, semester=None):
    return exports.funder_report_html(
        indicators.compute(programme), semester=find_semester(programme, semester)
    )


def period(html):
    """The period paragraph under the title, its spaces collapsed."""
    text = html.split('<p class="period">')[1].split("</p>")[0]
    return re.sub(r"[ \n]+", " ", text).strip()  # not \s: keep the no-break spaces


@pytest.mark.parametrize("language", ["fr", "nl", "en"])
def test_it_names_the_programme_its_period_in_words_and_the_partners(programme, language):
    with translation.override(language):
        whole = report_html(programme)
        s2 = report_html(programme, "S2")
        names = list(Partner.objects.values_list("name", flat=True))

    programme_period, semester_period = PERIODS[language]
    assert f"<h1>{programme.name}" in whole and f"<h1>{programme.name}" in s2
    assert period(whole) == programme_period
    assert period(s2) == f"{semester_period} {programme_period}"
    boxes = re.findall(r"<li>([^<]+)</li>", whole.split('class="partner-logos"')[1])
    assert boxes == names
    for html in (whole, s2):
        assert "<img" not in html and "url(" not in html and "src=" not in html


def test_each_semester_has_its_tables_with_captions_and_headers(programme):
    with translation.override("en"):
        html = report_html(programme)

    tables = re.findall(r"<table.*?</table>", html, flags=re.S)
    assert all("<caption>" in table for table in tables)
    assert all(' scope="row"' in table and ' scope="col"' in table for table in tables)
    captions = re.findall(r"<caption>(.*?)</caption>", html, flags=re.S)
    for code in ["S1", "S2", "S3", "S4"]:
        assert any(c.startswith("Per partner, semester " + code) for c in captions)
        assert any(c.startswith("Per country, semester " + code) for c in captions)


def test_every_page_is_a4_and_nothing_runs_past_its_margins(programme, partners, people):
    long_word = "Digitaal" + "vaardigheidscoördinatiecentrum" * 3  # no place to break
    Partner.objects.filter(code="WTC").update(name_nl=f"{long_word} van de Grensregio")
    Partner.objects.filter(code="EPN").update(name_nl="Netwerk " * 12)
    session = TrainingSessionFactory(partner=partners["WTC"], starts_at=paris(2021, 3, 1, 9))
    for person in people(3):
        ParticipationFactory(session=session, person=person, attendance="present")
    with translation.override("nl"):
        html = report_html(programme)
        document = exports.render_pdf(html)

    assert long_word in html and "Netwerk Netwerk" in html

    assert len(document.pages) > 1
    tables = 0
    for page in document.pages:
        assert (round(page.width, 1), round(page.height, 1)) == A4
        box = page._page_box  # WeasyPrint's layout: where each box ended up
        left, right = box.content_box_x(), box.content_box_x() + box.width
        for child in box.descendants():
            if type(child).__name__ in ("PageBox", "MarginBox") or child.element_tag == "@page":
                continue
            if getattr(child, "is_for_root_element", False):
                continue
            assert left - 0.5 <= child.position_x, child
            assert child.position_x + child.margin_width() <= right + 0.5, child
            tables += type(child).__name__ == "TableBox"
    assert tables >= 4 * 2 + 6  # a table per semester per partner and per country, the totals

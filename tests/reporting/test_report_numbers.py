"""Figures read the way each language writes them on the dashboard and in the funder report;
the CSV and XLSX keep numbers a machine reads."""

import csv
import io

import pytest
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from reporting import exports, indicators
from tests.factories import AccompanimentFactory, make_helper

pytestmark = pytest.mark.django_db
# (thousands separator, decimal mark, percent sign) as each language writes them.
WRITTEN = {"fr": ("\xa0", ",", "\xa0%"), "nl": (".", ",", "%"), "en": (",", ".", "%")}


@pytest.fixture
def workshops(db):
    """1,234 people at collective workshops in S2, against the 22,500 target (5.5 %)."""
    helper = make_helper()
    for participants in [200] * 6 + [34]:
        AccompanimentFactory(helper=helper, kind="collective", participants=participants)


def dashboard(client, language, **params):
    url = reverse("reporting:dashboard")
    return client.get(f"/{language}{url[3:]}", params).content.decode()


@pytest.mark.parametrize("language", ["fr", "nl", "en"])
def test_the_dashboard_writes_figures_the_language_s_way(client, coordinator, workshops, language):
    thousands, decimal, sign = WRITTEN[language]
    client.force_login(coordinator)

    html = dashboard(client, language, semester="S2")

    card = html.split('id="ind-accompaniments"')[1].split("</article>")[0]
    assert f'class="indicator-number">1{thousands}234</span>' in card
    assert f"22{thousands}500" in card
    assert f"5{decimal}5{sign}" in card
    assert f'<td class="text-end">1{thousands}234</td>' in card
    assert f">1{thousands}234</text>" in card  # the chart's label
    assert "1234" not in card.replace('value="5.5"', "")
    detail = html.split('id="detail-title"')[1]
    assert f'<td class="text-end">1{thousands}234</td>' in detail


@pytest.mark.parametrize("language", ["fr", "nl", "en"])
def test_the_funder_report_writes_figures_the_language_s_way(programme, workshops, language):
    thousands, decimal, sign = WRITTEN[language]
    with translation.override(language):
        html = exports.funder_report_html(indicators.compute(programme))

    assert f"<td>1{thousands}234</td>" in html
    assert f"<td>22{thousands}500</td>" in html
    assert f"<td>5{decimal}5{sign}</td>" in html
    assert f">1{thousands}234</text>" in html


def test_the_csv_and_the_spreadsheet_keep_numbers_a_machine_reads(programme, workshops):
    figures = indicators.compute(programme)

    lines = list(csv.reader(io.StringIO("".join(exports.stream_csv(figures)))))
    total = next(r for r in lines if r[1:2] == ["S2"] and r[4:6] == ["ALL", "accompaniments"])
    assert total[6:] == ["1234", "1234", "22500", "5.5"]

    with translation.override("fr"):
        workbook = load_workbook(io.BytesIO(exports.build_xlsx(figures)))
    summary = workbook.worksheets[0]
    row = next(
        r
        for r in summary.iter_rows(min_row=2)
        if r[0].value == "S2" and r[1].value == "Accompagnements"
    )
    assert [c.value for c in row[2:5]] == [1234, 1234, 22500]
    assert row[2].number_format == "#,##0"
    assert row[5].value == pytest.approx(0.055)

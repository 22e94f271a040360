"""The dashboard's download links give the files a funder files: the semester chosen on the
dashboard, figures written the reader's way, and sheets per breakdown."""

import csv
import datetime
import io
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.factories import (
    ParticipationFactory,
    StructureFactory,
    TrainingSessionFactory,
    make_helper,
)
from tests.reporting.conftest import paris

pytestmark = pytest.mark.django_db
DASHBOARD = reverse("reporting:dashboard")
CSV_HEADER = [
    "programme",
    "semester",
    "start",
    "end",
    "partner",
    "indicator",
    "value",
    "cumulative",
    "target",
    "percent_of_target",
]


@pytest.fixture
def trained(partners):
    """Helpers trained in every semester: S1 by WTC, S2 by D09 and EPN, S3 and S4 by EMC, each
    working at a structure of that partner (Lille, Gent, Mons, Lens: all in the zone)."""
    postal_codes = {"WTC": "59000", "D09": "9000", "EPN": "7000", "EMC": "62300"}
    for partner, start in zip(
        ["WTC", "D09", "EPN", "EMC", "EMC"],
        [
            paris(2020, 9, 1, 9),
            paris(2021, 3, 1, 9),
            paris(2021, 3, 2, 9),
            paris(2021, 10, 4, 9),
            paris(2022, 2, 7, 9),
        ],
        strict=True,
    ):
        structure = StructureFactory(
            partner=partners[partner],
            postal_code=postal_codes[partner],
            affiliated_on=datetime.date(2019, 1, 1),  # counts in no semester
        )
        person = make_helper(structure=structure)
        session = TrainingSessionFactory(partner=partners[partner], starts_at=start)
        ParticipationFactory(session=session, person=person, attendance="present")


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.hrefs.append(dict(attrs).get("href", ""))


def download_links(client, **filters):
    """{format: href} of the download links on the dashboard shown with ``filters``."""
    response = client.get(DASHBOARD, filters)
    assert response.status_code == 200
    section = response.content.decode().split('id="downloads-title"')[1].split("</section>")[0]
    parser = _Links()
    parser.feed(section)
    links = {}
    for href in parser.hrefs:
        name = urlsplit(href).path.rsplit("/", 1)[-1]
        if name.startswith("report."):
            links[name.split(".", 1)[1]] = href
    assert set(links) == {"csv", "xlsx", "pdf"}
    return links


def csv_rows(response):
    text = b"".join(response.streaming_content).decode()
    return list(csv.reader(io.StringIO(text)))


def test_the_download_links_give_the_semester_chosen_on_the_dashboard(client, coordinator, trained):
    client.force_login(coordinator)
    links = download_links(client, semester="S2", by="country")

    rows = csv_rows(client.get(links["csv"]))
    assert rows[0] == CSV_HEADER
    assert {row[1] for row in rows[1:]} == {"S2"}
    helpers = {row[4]: row[6] for row in rows[1:] if row[5] == "helpers_trained"}
    assert helpers == {"WTC": "0", "D09": "1", "EPN": "1", "EMC": "0", "ALL": "2"}

    xlsx = client.get(links["xlsx"])
    assert xlsx["Content-Disposition"].endswith('-S2.xlsx"')
    workbook = load_workbook(io.BytesIO(xlsx.content))
    assert "S2" in workbook.sheetnames
    assert not {"S1", "S3", "S4"} & set(workbook.sheetnames)
    for sheet in workbook.worksheets:  # the summary and the breakdowns start with the semester
        if sheet.title != "S2":
            assert {row[0] for row in sheet.iter_rows(min_row=2, values_only=True)} == {"S2"}

    pdf = client.get(links["pdf"])
    assert pdf.content.startswith(b"%PDF")
    assert pdf["Content-Disposition"].endswith('-S2.pdf"')
    report = pdf.context  # the funder report's HTML, from which the PDF is printed
    assert report["semester"].code == "S2"
    assert {table["semester"].code for table in report["tables"]} == {"S2"}
    shown = {row.semester.code for block in report["blocks"] for row in block["rows"]}
    assert shown == {"S2"}
    helpers_block = next(b for b in report["blocks"] if b["indicator"] == "helpers_trained")
    assert (helpers_block["rows"][0].value, helpers_block["rows"][0].cumulative) == (2, 3)


@pytest.mark.parametrize("filters", [{}, {"semester": ""}, {"semester": "S9"}])
def test_with_no_semester_chosen_the_downloads_hold_every_semester(
    client, coordinator, trained, filters
):
    client.force_login(coordinator)
    links = download_links(client, **filters)

    assert not any(urlsplit(href).query for href in links.values())
    rows = csv_rows(client.get(links["csv"]))
    assert rows[0] == CSV_HEADER
    assert {row[1] for row in rows[1:]} == {"S1", "S2", "S3", "S4"}
    workbook = load_workbook(io.BytesIO(client.get(links["xlsx"]).content))
    assert {"S1", "S2", "S3", "S4"} <= set(workbook.sheetnames)


BREAKDOWN_SHEETS = {
    "fr": [
        "Par partenaire",
        "Par pays",
        "Par région",
        "Par département ou province",
        "Par zone transfrontalière",
    ],
    "nl": [
        "Per partner",
        "Per land",
        "Per regio",
        "Per departement of provincie",
        "Per grensregio",
    ],
    "en": [
        "Per partner",
        "Per country",
        "Per region",
        "Per département or province",
        "Per cross-border zone",
    ],
}


@pytest.mark.parametrize("language", ["fr", "nl", "en"])
def test_the_spreadsheet_keeps_its_sheets_and_adds_one_per_breakdown(
    client, coordinator, trained, language
):
    client.force_login(coordinator)
    url = reverse("reporting:download", args=["crosslearn", "xlsx"])

    workbook = load_workbook(io.BytesIO(client.get(f"/{language}{url[3:]}").content))

    names = workbook.sheetnames
    assert names[1:5] == ["S1", "S2", "S3", "S4"]
    assert names[5:] == BREAKDOWN_SHEETS[language]
    assert all(len(name) <= 31 for name in names)
    for name in names[5:]:
        sheet = workbook[name]
        assert sheet.freeze_panes == "A2"
        assert all(cell.font.bold for cell in sheet[1])
        assert len([c for c in sheet[1] if c.value]) == 7


def breakdown_rows(workbook, name):
    """{(semester, group, indicator): (value, cumulative, target)} of a breakdown sheet."""
    return {row[:3]: row[3:6] for row in workbook[name].iter_rows(min_row=2, values_only=True)}


def test_each_breakdown_sheet_gives_the_indicators_per_group(
    client, coordinator, trained, partners
):
    client.force_login(coordinator)
    url = reverse("reporting:download", args=["crosslearn", "xlsx"])

    workbook = load_workbook(io.BytesIO(client.get(f"/en{url[3:]}").content))

    header = [c.value for c in workbook["Per country"][1]]
    assert header == [
        "Semester",
        "Country",
        "Indicator",
        "Value",
        "Cumulative",
        "Target",
        "Percent of target",
    ]
    by_partner = breakdown_rows(workbook, "Per partner")
    d09 = partners["D09"].name
    assert by_partner[("S2", d09, "Helpers trained")] == (1, 1, 250)
    assert by_partner[("S4", d09, "Helpers trained")] == (0, 1, 250)
    groups = {group for _semester, group, _indicator in by_partner}
    assert groups == {p.name for p in partners.values()}

    by_country = breakdown_rows(workbook, "Per country")
    assert by_country[("S1", "France", "Helpers trained")] == (1, 1, None)
    assert by_country[("S2", "Belgium", "Helpers trained")] == (2, 2, None)
    assert by_country[("S4", "France", "Helpers trained")] == (1, 3, None)

    by_region = breakdown_rows(workbook, "Per region")
    assert by_region[("S2", "Vlaanderen", "Helpers trained")][:2] == (1, 1)
    assert by_region[("S2", "Wallonie", "Helpers trained")][:2] == (1, 1)

    by_department = breakdown_rows(workbook, "Per département or province")
    assert by_department[("S1", "59 Nord", "Helpers trained")][:2] == (1, 1)
    assert by_department[("S2", "Oost-Vlaanderen", "Helpers trained")][:2] == (1, 1)
    assert by_department[("S2", "Hainaut", "Helpers trained")][:2] == (1, 1)

    by_zone = breakdown_rows(workbook, "Per cross-border zone")
    per_semester = [
        sum(v[0] for (s, _g, i), v in by_zone.items() if (s, i) == (code, "Helpers trained"))
        for code in ["S1", "S2", "S3", "S4"]
    ]
    assert per_semester == [1, 2, 1, 1]


@pytest.mark.parametrize("fmt", ["xlsx", "pdf"])
def test_the_download_query_count_stays_constant_as_data_grows(
    client,
    coordinator,
    partners,
    people,
    fmt,
    django_assert_num_queries,
    django_assert_max_num_queries,
):
    client.force_login(coordinator)
    url = reverse("reporting:download", args=["crosslearn", fmt])
    client.get(url)  # warm up the session and permission caches

    def grow(count):
        session = TrainingSessionFactory(partner=partners["EMC"], starts_at=paris(2021, 9, 1, 9))
        for person in people(count):
            ParticipationFactory(session=session, person=person, attendance="present")

    grow(2)  # new data: a new version of the figures, computed afresh below
    with django_assert_max_num_queries(80) as small:
        client.get(url, {"semester": "S3"})
    grow(20)
    with django_assert_num_queries(len(small.captured_queries)):
        response = client.get(url, {"semester": "S3"})
    assert response.status_code == 200
    if fmt == "xlsx":  # the figures were computed again, with all 22 helpers
        summary = load_workbook(io.BytesIO(response.content)).worksheets[0]
        assert [row[2] for row in summary.iter_rows(min_row=2, max_row=2, values_only=True)] == [22]

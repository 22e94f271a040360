"""The dashboard's download links give the files a funder files: the semester chosen on the
dashboard, figures written the reader's way, and sheets per breakdown."""

import csv
import io
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.factories import ParticipationFactory, TrainingSessionFactory
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
def trained(partners, people):
    """Helpers trained in every semester: S1 by WTC, S2 by D09 and EPN, S3 and S4 by EMC."""
    for person, partner, start in zip(
        people(5),
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
    summary = workbook.worksheets[0]
    assert {row[0] for row in summary.iter_rows(min_row=2, values_only=True)} == {"S2"}

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

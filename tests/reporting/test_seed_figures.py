"""From the programme's spreadsheets to the seed's figures, through import_data and semester_report.

The CSV files under tests/data/reporting/ are written by tests/data/reporting/generate.py.
"""

import csv
import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import translation
from openpyxl import load_workbook

from reporting.models import Programme
from tests.reporting.conftest import assert_every_breakdown_adds_up

DATA = Path(__file__).resolve().parent.parent / "data" / "reporting"

pytestmark = pytest.mark.django_db


@pytest.fixture
def imported():
    for kind in ("structures", "participations", "accompaniments"):
        call_command("import_data", kind, str(DATA / f"{kind}.csv"))


def report_rows(**options):
    out = io.StringIO()
    call_command("semester_report", format="csv", stdout=out, **options)
    return list(csv.DictReader(io.StringIO(out.getvalue())))


def pick(rows, partner, indicator):
    return [
        (r["semester"], r["value"], r["cumulative"], r["target"], r["percent_of_target"])
        for r in rows
        if r["partner"] == partner and r["indicator"] == indicator
    ]


def test_the_report_gives_the_seed_figures_for_helpers_trained(imported):
    rows = report_rows()
    assert pick(rows, "ALL", "helpers_trained") == [
        ("S1", "155", "155", "1000", "15.5"),
        ("S2", "333", "488", "1000", "48.8"),
        ("S3", "371", "859", "1000", "85.9"),
        ("S4", "500", "1359", "1000", "135.9"),
    ]


def test_the_report_gives_the_seed_figures_for_new_structures(imported):
    rows = report_rows()
    assert pick(rows, "ALL", "structures_affiliated") == [
        ("S1", "245", "245", "500", "49.0"),
        ("S2", "327", "572", "500", "114.4"),
        ("S3", "260", "832", "500", "166.4"),
        ("S4", "227", "1059", "500", "211.8"),
    ]


def test_partner_rows_use_the_partner_target(imported):
    rows = report_rows()
    assert pick(rows, "WTC", "helpers_trained") == [
        ("S1", "39", "39", "250", "15.6"),
        ("S2", "84", "123", "250", "49.2"),
        ("S3", "93", "216", "250", "86.4"),
        ("S4", "125", "341", "250", "136.4"),
    ]
    assert pick(rows, "EPN", "helpers_trained")[-1] == ("S4", "125", "338", "250", "135.2")
    assert pick(rows, "EMC", "structures_affiliated") == [
        ("S1", "61", "61", "", ""),
        ("S2", "82", "143", "", ""),
        ("S3", "65", "208", "", ""),
        ("S4", "57", "265", "", ""),
    ]


def test_the_other_indicators_of_the_data_set(imported):
    rows = report_rows()
    assert [r[1] for r in pick(rows, "ALL", "accompaniments")] == ["48", "48", "48", "48"]
    assert pick(rows, "ALL", "accompaniments")[-1] == ("S4", "48", "192", "22500", "0.9")
    assert [r[1] for r in pick(rows, "ALL", "trainings_held")] == ["16", "28", "36", "44"]
    assert [r[1] for r in pick(rows, "ALL", "webinar_attendances")] == ["0", "30", "0", "0"]


def test_every_breakdown_of_the_data_set_adds_up_to_its_totals(imported):
    assert_every_breakdown_adds_up(Programme.objects.get(slug="crosslearn"))


def test_one_semester_keeps_its_cumulative_from_s1(imported):
    rows = report_rows(semester="S2")
    assert {r["semester"] for r in rows} == {"S2"}
    assert pick(rows, "ALL", "helpers_trained") == [("S2", "333", "488", "1000", "48.8")]


def test_the_spreadsheet_and_the_pdf_carry_the_same_figures(imported, tmp_path):
    xlsx = tmp_path / "report.xlsx"
    with translation.override("en"):
        call_command("semester_report", format="xlsx", output=str(xlsx))
    workbook = load_workbook(xlsx, read_only=True)
    assert workbook.sheetnames[:5] == ["Summary", "S1", "S2", "S3", "S4"]
    assert workbook.sheetnames[5:] == [
        "Per partner",
        "Per country",
        "Per region",
        "Per département or province",
        "Per cross-border zone",
    ]
    summary = list(workbook["Summary"].iter_rows(values_only=True))
    helpers = [row for row in summary if row[1] == "Helpers trained"]
    assert [(row[0], row[2], row[3], row[4]) for row in helpers] == [
        ("S1", 155, 155, 1000),
        ("S2", 333, 488, 1000),
        ("S3", 371, 859, 1000),
        ("S4", 500, 1359, 1000),
    ]
    assert helpers[-1][5] == pytest.approx(1.359)
    for name in workbook.sheetnames[5:]:
        rows = list(workbook[name].iter_rows(min_row=2, values_only=True))
        split = [
            sum(r[3] for r in rows if (r[0], r[2]) == (code, "Helpers trained"))
            for code in ["S1", "S2", "S3", "S4"]
        ]
        assert split == [155, 333, 371, 500], name  # every group adds up to the totals
    pdf = tmp_path / "report.pdf"
    call_command("semester_report", format="pdf", output=str(pdf))
    assert pdf.read_bytes().startswith(b"%PDF")

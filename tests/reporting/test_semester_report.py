import csv
import datetime
import io

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation
from openpyxl import load_workbook

from partners.models import Partner
from reporting.models import Programme
from tests.factories import ParticipationFactory, StructureFactory, TrainingSessionFactory
from tests.reporting.conftest import paris

pytestmark = pytest.mark.django_db
COLUMNS = "programme,semester,start,end,partner,indicator,value,cumulative,target,percent_of_target"


@pytest.fixture
def data(partners, people):
    for person, start in zip(
        people(3), [paris(2020, 7, 1, 9), paris(2021, 6, 30, 20), paris(2022, 1, 3, 9)], strict=True
    ):
        session = TrainingSessionFactory(partner=partners["EPN"], starts_at=start)
        ParticipationFactory(session=session, person=person, attendance="present")
    StructureFactory(affiliated_on=datetime.date(2021, 6, 30), partner=partners["EPN"])


def run(**options):
    out = io.StringIO()
    call_command("semester_report", stdout=out, **options)
    return out.getvalue()


def test_the_csv_goes_to_stdout_with_the_fixed_columns(data):
    text = run(format="csv")
    lines = text.splitlines()
    assert lines[0] == COLUMNS
    assert len(lines) == 1 + 4 * (4 * 7 + 8)
    rows = list(csv.DictReader(io.StringIO(text)))
    epn = [
        (r["semester"], r["value"], r["cumulative"], r["target"], r["percent_of_target"])
        for r in rows
        if (r["partner"], r["indicator"]) == ("EPN", "helpers_trained")
    ]
    assert epn == [
        ("S1", "1", "1", "250", "0.4"),
        ("S2", "1", "2", "250", "0.8"),
        ("S3", "0", "2", "250", "0.8"),
        ("S4", "1", "3", "250", "1.2"),
    ]
    assert "crosslearn,S2,2021-01-01,2021-06-30,ALL,structures_affiliated,1,1,500,0.2" in lines


def test_one_semester_to_a_file(data, tmp_path):
    output = tmp_path / "s2.csv"
    call_command("semester_report", format="csv", semester="s2", output=str(output))
    lines = output.read_text(encoding="utf-8").splitlines()
    assert lines[0] == COLUMNS
    assert {line.split(",")[1] for line in lines[1:]} == {"S2"}


def test_the_spreadsheet_has_a_summary_a_sheet_per_semester_and_formats(data, tmp_path):
    output = tmp_path / "report.xlsx"
    with translation.override("en"):
        call_command("semester_report", format="xlsx", output=str(output))
    workbook = load_workbook(output)
    assert workbook.sheetnames == [
        "Summary",
        "S1",
        "S2",
        "S3",
        "S4",
        "Per partner",
        "Per country",
        "Per region",
        "Per département or province",
        "Per cross-border zone",
    ]
    s4 = workbook["S4"]
    assert s4.freeze_panes == "A2"
    assert [c.value for c in s4[1]] == [
        "Partner",
        "Indicator",
        "Value",
        "Cumulative",
        "Target",
        "Percent of target",
    ]
    epn = next(row for row in s4.iter_rows(min_row=2) if row[0].value == "EPN")
    assert [c.value for c in epn[:5]] == ["EPN", "Helpers trained", 1, 3, 250]
    assert epn[5].value == pytest.approx(0.012)
    assert epn[5].number_format == "0.0%"
    assert epn[2].number_format == "#,##0"
    summary = workbook["Summary"]
    assert summary.freeze_panes == "A2"
    assert {row[0].value for row in summary.iter_rows(min_row=2)} == {"S1", "S2", "S3", "S4"}


def test_the_pdf_report(data, tmp_path):
    output = tmp_path / "report.pdf"
    call_command("semester_report", format="pdf", semester="S4", output=str(output))
    assert output.read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize(
    "options", [{"programme": "nope"}, {"semester": "S9"}, {"semester": "second"}]
)
def test_unknown_programme_or_semester_is_an_error(options):
    with pytest.raises(CommandError):
        run(format="csv", **options)


@pytest.mark.django_db
def test_keys_from_editable_data_are_escaped_in_the_csv():
    from reporting import exports
    from reporting.indicators import compute

    Partner.objects.filter(code="WTC").update(code="=WTC")
    programme = Programme.objects.get(slug="crosslearn")
    lines = "".join(exports.stream_csv(compute(programme)))
    assert "'=WTC" in lines
    assert "\n=WTC" not in lines and ",=WTC," not in lines

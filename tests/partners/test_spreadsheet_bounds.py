"""No spreadsheet, however it is made, can exhaust the server (issue #12, point 7)."""

# ruff: noqa: E501 (the XML parts of an XLSX file, written out)

import io
import tracemalloc
import zipfile

import pytest
from django.utils import translation

from crosslearn.lib.spreadsheets import MAX_CELL_CHARACTERS, SpreadsheetError, TooLarge, read_table
from partners.imports import run_import

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>
</Types>"""
ROOT_RELS = """<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>
</Relationships>"""
WORKBOOK = """<?xml version="1.0" encoding="UTF-8"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>"""
WORKBOOK_RELS = """<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>
</Relationships>"""
NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'


@pytest.fixture(autouse=True)
def _in_english():
    with translation.override("en"):  # the messages below are the English source strings
        yield


def inline_row(number, values):
    cells = "".join(
        f'<c r="{chr(65 + i)}{number}" t="inlineStr"><is><t>{v}</t></is></c>'
        for i, v in enumerate(values)
    )
    return f'<row r="{number}">{cells}</row>'


def workbook(sheet_xml, shared_strings=None):
    """An XLSX built by hand, as an attacker would: ``shared_strings`` may be a generator of
    text chunks written in a streamed way (hundreds of MB unpacked, small packed)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", ROOT_RELS)
        archive.writestr("xl/workbook.xml", WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        archive.writestr("xl/worksheets/sheet1.xml", sheet_xml)
        with archive.open("xl/sharedStrings.xml", "w", force_zip64=True) as strings:
            strings.write(f'<?xml version="1.0"?><sst {NS}><si><t>'.encode())
            for chunk in shared_strings or [b"ref"]:
                strings.write(chunk)
            strings.write(b"</t></si></sst>")
    return out.getvalue()


def test_a_small_file_with_a_200_mb_cell_is_refused_before_it_is_read():
    chunk = b"A" * (1024 * 1024)
    data = workbook(
        f'<worksheet {NS}><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row>'
        "</sheetData></worksheet>",
        shared_strings=(chunk for _ in range(200)),
    )
    assert len(data) < 1024 * 1024  # well under the upload limit
    tracemalloc.start()
    with pytest.raises(TooLarge, match="Unpacked"):
        read_table(data, "big.xlsx")
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert peak < 20 * 1024 * 1024


def test_a_declared_size_of_16384_columns_is_not_read():
    rows = inline_row(1, ["ref", "name"]) + inline_row(2, ["A", "B"])
    sheet = (
        f'<worksheet {NS}><dimension ref="A1:XFD20000"/><sheetData>{rows}</sheetData></worksheet>'
    )
    data = workbook(sheet)
    assert len(data) < 4096
    header, body = read_table(data, "wide.xlsx")
    assert header == ["ref", "name"]
    assert body == [(2, ["A", "B"])]


def test_rows_wider_than_the_header_are_read_only_as_wide_as_it():
    rows = inline_row(1, ["ref"]) + inline_row(2, ["A", "B", "C", "D"])
    header, body = read_table(
        workbook(f"<worksheet {NS}><sheetData>{rows}</sheetData></worksheet>"), "w.xlsx"
    )
    assert body == [(2, ["A"])]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_a_cell_longer_than_the_limit_is_refused_with_its_row(fmt):
    long = "x" * (MAX_CELL_CHARACTERS + 1)
    if fmt == "csv":
        data = f"ref,name\nA,{long}\n".encode()
    else:
        rows = inline_row(1, ["ref", "name"]) + inline_row(2, ["A", long])
        data = workbook(f"<worksheet {NS}><sheetData>{rows}</sheetData></worksheet>")
    with pytest.raises(TooLarge, match="Row 2, cell 2"):
        read_table(data, f"f.{fmt}")


def test_a_header_of_more_than_fifty_columns_is_refused():
    data = (",".join(f"c{n}" for n in range(60)) + "\n" + ",".join("x" * 60) + "\n").encode()
    with pytest.raises(SpreadsheetError, match="60 columns"):
        read_table(data, "f.csv")


@pytest.mark.django_db
def test_an_import_report_stores_a_bounded_number_of_problems_and_short_cells():
    header = "ref,name,kind,partner,country,postal_code,city,registration_number,affiliated_on"
    rows = [f"R{n},{'N' * 900},nope,WTC,FR,59000,Lille,," for n in range(1000)]
    report = run_import("structures", "\n".join([header, *rows]).encode(), "s.csv", dry_run=True)
    stored = report.as_dict()
    assert len(report.problems) >= 1000
    assert len(stored["problems"]) == 200
    assert stored["problem_count"] == len(report.problems)
    assert max(len(cell) for row in stored["preview"] for cell in row) <= 101

"""Semester reports: CSV (streamed), XLSX (openpyxl write-only) and the PDF funder report."""

import csv
import io

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from crosslearn.lib.spreadsheets import escape_formula
from reporting import charts
from reporting.indicators import ALL, UNKNOWN, Dimension, compute
from reporting.models import Indicator

CSV_COLUMNS = [
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
# The XLSX sheet of each breakdown (Excel allows 31 characters in a sheet name).
BREAKDOWN_SHEETS = {
    Dimension.PARTNER: gettext_lazy("Per partner"),
    Dimension.COUNTRY: gettext_lazy("Per country"),
    Dimension.REGION: gettext_lazy("Per region"),
    Dimension.DEPARTMENT: gettext_lazy("Per département or province"),
    Dimension.ZONE: gettext_lazy("Per cross-border zone"),
}
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}


def _blank(value):
    return "" if value is None else value


def csv_records(figures, *, semester=None):
    """The report as CSV field lists, header first (one per semester × partner × indicator)."""
    yield CSV_COLUMNS
    for row in figures.rows(semester=semester):
        yield [
            figures.programme.slug,
            row.semester.code,
            row.semester.start.isoformat(),
            row.semester.end.isoformat(),
            row.key,
            row.indicator,
            row.value,
            row.cumulative,
            _blank(row.target),
            _blank(row.percent_of_target),
        ]


class _Echo:
    def write(self, value):
        return value


def stream_csv(figures, *, semester=None):
    """Lines of CSV text, one at a time (for StreamingHttpResponse and the command).

    Region and partner keys come from editable data: escaped like every export we write.
    """
    writer = csv.writer(_Echo(), lineterminator="\n")
    for record in csv_records(figures, semester=semester):
        yield writer.writerow([escape_formula(value) for value in record])


def sheet_title(title):
    """``title`` as Excel accepts a sheet name: 31 characters, none of []:*?/\\."""
    return "".join("-" if char in "[]:*?/\\" else char for char in str(title))[:31]


def build_xlsx(figures, *, semester=None, splits=None):
    """A workbook with a summary sheet, one sheet per semester (per partner code) and one
    sheet per breakdown (partner, country, region, département / province, zone); returns
    the bytes.

    ``splits`` maps a dimension to the programme's figures split that way (computed when
    missing); ``figures`` is split by partner.
    """
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    bold = Font(bold=True)

    def header(sheet, titles):
        sheet.freeze_panes = "A2"
        cells = []
        for title in titles:
            cell = WriteOnlyCell(sheet, value=str(title))
            cell.font = bold
            cells.append(cell)
        sheet.append(cells)

    def number(sheet, value, fmt="#,##0"):
        cell = WriteOnlyCell(sheet, value=value)
        if value is not None:
            cell.number_format = fmt
        return cell

    def percent(sheet, value):
        if value is None:
            return WriteOnlyCell(sheet, value=None)
        return number(sheet, float(value) / 100, "0.0%")

    summary = workbook.create_sheet(_("Summary"))
    summary.column_dimensions["A"].width = 12
    summary.column_dimensions["B"].width = 32
    figures_titles = [_("Value"), _("Cumulative"), _("Target"), _("Percent of target")]
    header(summary, [_("Semester"), _("Indicator"), *figures_titles])
    for row in figures.rows(semester=semester, parts=False):
        summary.append(
            [
                row.semester.code,
                str(row.indicator_label),
                number(summary, row.value),
                number(summary, row.cumulative),
                number(summary, row.target),
                percent(summary, row.percent_of_target),
            ]
        )
    for sem in figures.semesters:
        if semester is not None and sem.number != semester.number:
            continue
        sheet = workbook.create_sheet(sem.code)
        sheet.column_dimensions["A"].width = 12
        sheet.column_dimensions["B"].width = 32
        header(
            sheet,
            [
                _("Partner"),
                _("Indicator"),
                _("Value"),
                _("Cumulative"),
                _("Target"),
                _("Percent of target"),
            ],
        )
        for row in figures.rows(semester=sem):
            sheet.append(
                [
                    escape_formula(row.key),
                    str(row.indicator_label),
                    number(sheet, row.value),
                    number(sheet, row.cumulative),
                    number(sheet, row.target),
                    percent(sheet, row.percent_of_target),
                ]
            )
    splits = dict(splits or {})
    labels = dict(Dimension.CHOICES)
    for dimension, title in BREAKDOWN_SHEETS.items():
        split = splits.get(dimension) or (
            figures
            if figures.dimension == dimension
            else compute(figures.programme, dimension=dimension)
        )
        sheet = workbook.create_sheet(sheet_title(title))
        sheet.column_dimensions["B"].width = 32
        sheet.column_dimensions["C"].width = 32
        header(sheet, [_("Semester"), labels[dimension], _("Indicator"), *figures_titles])
        for sem in split.semesters:
            if semester is not None and sem.number != semester.number:
                continue
            for group in breakdown(split, semester=sem):
                for row in group["rows"]:
                    sheet.append(
                        [
                            sem.code,
                            escape_formula(str(group["label"])),
                            str(row.indicator_label),
                            number(sheet, row.value),
                            number(sheet, row.cumulative),
                            number(sheet, row.target),
                            percent(sheet, row.percent_of_target),
                        ]
                    )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def indicator_blocks(figures, *, frozen=None, semester=None):
    """Per indicator: the programme totals per semester (only ``semester``'s when given; its
    cumulative figure still counts from S1), a chart, and submitted differences."""
    frozen = frozen or {}
    blocks = []
    rows = figures.rows(semester=semester, parts=False)
    for indicator in figures.indicators:
        own = [r for r in rows if r.indicator == indicator]
        if not own:
            continue
        for row in own:
            submitted = frozen.get((row.semester.number, ALL, indicator))
            row.submitted = submitted
            row.correction = None if submitted is None else row.value - submitted
        last = own[-1]
        blocks.append(
            {
                "indicator": indicator,
                "label": Indicator(indicator).label,
                "rows": own,
                "last": last,
                "chart": charts.bar_chart([(r.semester.code, r.value) for r in own]),
                "has_corrections": any(r.correction for r in own),
            }
        )
    return blocks


def breakdown(figures, *, semester=None):
    """{dimension key: [rows]} for one semester (the last one by default)."""
    semester = semester or (figures.semesters[-1] if figures.semesters else None)
    if semester is None:
        return []
    grouped = {}
    for row in figures.rows(semester=semester, totals=False):
        grouped.setdefault((row.key, row.label), []).append(row)
    return [{"key": k, "label": lbl, "rows": rs} for (k, lbl), rs in grouped.items()]


def dimension_charts(groups, *, dimension):
    """Cumulative figures of each dimension value, one chart per indicator that can be split."""
    charts_by_indicator = {}
    for group in groups:
        partner_code = dimension == Dimension.PARTNER and group["key"] != UNKNOWN
        label = group["key"] if partner_code else str(group["label"])
        for row in group["rows"]:
            charts_by_indicator.setdefault(row.indicator, []).append((label, row.cumulative))
    return [
        {
            "indicator": indicator,
            "label": Indicator(indicator).label,
            "chart": charts.bar_chart(items),
        }
        for indicator, items in charts_by_indicator.items()
    ]


def funder_report_html(figures, *, semester=None, frozen=None, by_country=None):
    """The HTML the funder report is printed from (in the active language): the partners,
    the period, totals with charts and corrections since submission, then a table per
    partner and per country for each semester (only ``semester`` when given)."""
    from partners.models import Partner

    if by_country is None:
        by_country = compute(figures.programme, dimension=Dimension.COUNTRY)
    if figures.dimension == Dimension.PARTNER:
        partners = [str(label) for _key, label in figures.keys]
    else:
        partners = list(Partner.objects.values_list("name", flat=True))
    labels = dict(Dimension.CHOICES)
    tables = []
    for split, title in [(figures, _("Per partner")), (by_country, _("Per country"))]:
        for s in split.semesters:
            if semester is None or s.number == semester.number:
                tables.append(
                    {
                        "title": title,
                        "dimension_label": labels[split.dimension],
                        "semester": s,
                        "groups": breakdown(split, semester=s),
                    }
                )
    return render_to_string(
        "reporting/funder_report.html",
        {
            "programme": figures.programme,
            "partners": partners,
            "blocks": indicator_blocks(figures, frozen=frozen, semester=semester),
            "tables": tables,
            "semester": semester,
            "generated_at": timezone.localtime(),
        },
    )


def render_pdf(html, *, base_url=None):
    """The laid-out pages of ``html`` (A4, reporting.css): a WeasyPrint document."""
    from django.contrib.staticfiles import finders
    from weasyprint import CSS, HTML

    stylesheet = CSS(filename=finders.find("css/reporting.css"))
    return HTML(string=html, base_url=base_url).render(stylesheets=[stylesheet])


def build_pdf(figures, *, semester=None, frozen=None, base_url=None, by_country=None):
    """The funder report as PDF bytes."""
    html = funder_report_html(figures, semester=semester, frozen=frozen, by_country=by_country)
    return render_pdf(html, base_url=base_url).write_pdf()

"""Reading and writing the spreadsheets people exchange with us (CSV UTF-8 and XLSX).

Reading refuses anything that is not UTF-8 (with or without a byte-order mark) rather than
guessing: a wrong guess silently corrupts names. Writing escapes cells that a spreadsheet program
would run as a formula (CSV/formula injection), whatever the cell's origin.
"""

import csv
import datetime
import io

from django.utils.translation import gettext as _

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")

# What a sent file may hold, checked before and while reading so that no file, however it is
# made, costs more than a bounded amount of memory and time.
MAX_CELL_CHARACTERS = 1_000  # the longest column we import holds 200
MAX_COLUMNS = 50
# An XLSX file is a zip: its parts are read whole by openpyxl, so their unpacked sizes
# (declared in the zip, and enforced by Python's zipfile while reading) are bounded first.
MAX_UNPACKED_BYTES = 256 * 1024 * 1024
MAX_SHARED_STRINGS_BYTES = 64 * 1024 * 1024


class SpreadsheetError(Exception):
    """The file cannot be read as a table; the message says why in plain words."""


class TooLarge(SpreadsheetError):
    pass


def escape_formula(value):
    """Prefix a quote to text a spreadsheet would evaluate (``=1+2``, ``+33…``, ``@SUM``)."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def _cell_text(value):
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        if value.time() == datetime.time(0):
            return value.date().isoformat()
        return value.isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _is_blank(cells):
    return all(not cell for cell in cells)


def read_table(data, filename, *, max_rows=None, max_bytes=None):
    """Return ``(header, rows)`` from CSV or XLSX bytes; each row is ``(number, [text…])``.

    ``number`` counts the header as row 1, as a spreadsheet program shows it. Blank lines are
    skipped. Raises :class:`SpreadsheetError` with a message meant for the person who sent it.
    """
    if max_bytes is not None and len(data) > max_bytes:
        raise TooLarge(
            _("The file is too large (%(size)s MB); the limit is %(limit)s MB. Split it.")
            % {"size": round(len(data) / 1_000_000, 1), "limit": round(max_bytes / 1_000_000, 1)}
        )
    name = (filename or "").lower()
    if name.endswith(".xlsx") or data[:2] == b"PK":
        lines = _xlsx_lines(data)
    elif name.endswith((".csv", ".txt")) or not name:
        lines = _csv_lines(data)
    else:
        raise SpreadsheetError(_("Send a CSV file (UTF-8) or an Excel workbook (.xlsx)."))

    header = None
    rows = []
    for number, cells in enumerate(lines, start=1):
        cells = [_cell_text(cell) for cell in cells]
        _check_cells(number, cells)
        if header is None:
            if _is_blank(cells):
                raise SpreadsheetError(_("The first row must hold the column names."))
            while cells and not cells[-1]:
                cells.pop()
            if len(cells) > MAX_COLUMNS:
                raise TooLarge(
                    _("The first row has %(count)s columns; at most %(limit)s are read.")
                    % {"count": len(cells), "limit": MAX_COLUMNS}
                )
            header = [cell.strip().lower() for cell in cells]
            continue
        if _is_blank(cells):
            continue
        rows.append((number, cells))
        if max_rows is not None and len(rows) > max_rows:
            raise TooLarge(
                _("The file has more than %(limit)s rows. Split it into smaller files.")
                % {"limit": f"{max_rows:,}"}
            )
    if header is None:
        raise SpreadsheetError(_("The file is empty."))
    return header, rows


def _check_cells(number, cells):
    for column, cell in enumerate(cells, start=1):
        if len(cell) > MAX_CELL_CHARACTERS:
            raise TooLarge(
                _(
                    "Row %(row)s, cell %(column)s holds %(length)s characters; a cell may hold "
                    "at most %(limit)s."
                )
                % {
                    "row": number,
                    "column": column,
                    "length": f"{len(cell):,}",
                    "limit": f"{MAX_CELL_CHARACTERS:,}",
                }
            )


def _csv_lines(data):
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise SpreadsheetError(
            _(
                "The file is not in UTF-8 (first unreadable byte at position %(position)s). "
                "In your spreadsheet program, save it as “CSV UTF-8”."
            )
            % {"position": error.start + 1}
        ) from error
    if "\x00" in text:
        raise SpreadsheetError(_("The file holds binary data; send a CSV or XLSX file."))
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    try:
        yield from csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    except csv.Error as error:
        raise SpreadsheetError(
            _("The CSV file is malformed: %(error)s") % {"error": error}
        ) from error


def _check_unpacked_sizes(data):
    import zipfile

    try:
        members = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, ValueError) as error:
        raise SpreadsheetError(
            _("The Excel file cannot be opened; is it a real .xlsx file?")
        ) from error
    unpacked = sum(member.file_size for member in members)
    strings = sum(m.file_size for m in members if m.filename.endswith("sharedStrings.xml"))
    if unpacked > MAX_UNPACKED_BYTES or strings > MAX_SHARED_STRINGS_BYTES:
        raise TooLarge(
            _(
                "Unpacked, this Excel file would take %(size)s MB, more than we read at once. "
                "Split it, or save it as CSV."
            )
            % {"size": f"{round(unpacked / 1_000_000):,}"}
        )


def _xlsx_lines(data):
    """Rows of the first sheet, read no wider than its first row's last filled cell, whatever
    size the sheet declares (a tiny file may declare ``A1:XFD20000``)."""
    from openpyxl import load_workbook

    _check_unpacked_sizes(data)
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds on damaged files
        raise SpreadsheetError(
            _("The Excel file cannot be opened; is it a real .xlsx file?")
        ) from error
    try:
        if not workbook.worksheets:
            raise SpreadsheetError(_("The Excel file has no sheet."))
        sheet = workbook.worksheets[0]
        sheet.reset_dimensions()  # never trust the declared size
        first = next(sheet.iter_rows(max_row=1, values_only=True), None)
        if first is None:
            return
        first = list(first)
        while first and first[-1] in (None, ""):
            first.pop()
        yield first
        width = max(len(first), 1)
        for values in sheet.iter_rows(min_row=2, max_col=width, values_only=True):
            yield list(values)
    finally:
        workbook.close()


def in_chunks(pieces, size=64 * 1024):
    """Join small pieces of text (CSV lines) into chunks of about ``size`` characters.

    A streamed response writes each piece to the socket: one write per line costs more than
    making the line. Memory stays bounded by ``size``.
    """
    buffer, length = [], 0
    for piece in pieces:
        buffer.append(piece)
        length += len(piece)
        if length >= size:
            yield "".join(buffer)
            buffer, length = [], 0
    if buffer:
        yield "".join(buffer)


def write_csv(header, rows):
    """CSV text (UTF-8 with BOM so that Excel opens it right), formula cells escaped."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out)
    writer.writerow([escape_formula(cell) for cell in header])
    for row in rows:
        writer.writerow([escape_formula("" if cell is None else cell) for cell in row])
    return out.getvalue()


def write_xlsx(header, rows, *, title="Sheet"):
    """XLSX bytes, formula cells escaped (openpyxl would otherwise store ``=…`` as a formula)."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])
    sheet.append([escape_formula(cell) for cell in header])
    for row in rows:
        sheet.append([escape_formula(cell) for cell in row])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def download(header, rows, *, filename, fmt, title="Sheet"):
    """An attachment response with ``rows`` as CSV or XLSX (``fmt``), formula cells escaped."""
    from django.http import HttpResponse

    content = write_xlsx(header, rows, title=title) if fmt == "xlsx" else write_csv(header, rows)
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response

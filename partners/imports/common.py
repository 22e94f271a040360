"""What every import shares: reading, header checks, field parsing, problems and the report.

An import runs in two phases. ``check`` reads every row and prepares what to write (in memory,
with all the lookups fetched up front in a few queries); ``write`` then applies the plan with
``bulk_create``/``bulk_update`` inside one transaction. Any problem found by ``check`` means
``write`` never runs: all or nothing.
"""

import dataclasses
import datetime
import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models.functions import Lower
from django.utils.translation import gettext as _

from crosslearn.lib.addresses import mixes_scripts
from crosslearn.lib.spreadsheets import SpreadsheetError, read_table

DEFAULT_MAX_ROWS = 200_000
DEFAULT_MAX_BYTES = 50 * 1024 * 1024
# What an import job keeps of its report: enough to correct a file, never the whole file.
STORED_PROBLEMS = 200
STORED_CELL_CHARACTERS = 100
CHUNK = 2000
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def max_rows():
    return getattr(settings, "IMPORT_MAX_ROWS", DEFAULT_MAX_ROWS)


def max_bytes():
    return getattr(settings, "IMPORT_MAX_BYTES", DEFAULT_MAX_BYTES)


@dataclasses.dataclass(frozen=True)
class Problem:
    row: int | None
    column: str | None
    message: str

    def __str__(self):
        # The prefix is a fixed interface (PRODUCT.md §5); the message is translated.
        if self.row is None:
            return str(self.message)
        return f"row {self.row}, column {self.column}: {self.message}"

    def as_dict(self):
        return {
            "row": self.row,
            "column": _short(self.column or "") or None,
            "message": _short_message(self.message),
        }


@dataclasses.dataclass
class Report:
    kind: str
    dry_run: bool
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    problems: list = dataclasses.field(default_factory=list)
    # Accepted but worth a look (e.g. a structure outside its partner's country): never blocking.
    warnings: list = dataclasses.field(default_factory=list)
    header: list = dataclasses.field(default_factory=list)
    preview: list = dataclasses.field(default_factory=list)
    written: bool = False

    @property
    def ok(self):
        return not self.problems

    def as_dict(self):
        """What the job stores: at most ``STORED_PROBLEMS`` problems, cells cut short."""
        data = dataclasses.asdict(self)
        data["problems"] = [problem.as_dict() for problem in self.problems[:STORED_PROBLEMS]]
        data["problem_count"] = len(self.problems)
        data["warnings"] = [warning.as_dict() for warning in self.warnings[:STORED_PROBLEMS]]
        data["warning_count"] = len(self.warnings)
        data["header"] = [_short(name) for name in self.header]
        data["preview"] = [[_short(cell) for cell in row] for row in self.preview]
        return data


def _short(text):
    text = str(text)
    return text if len(text) <= STORED_CELL_CHARACTERS else text[:STORED_CELL_CHARACTERS] + "…"


def _short_message(message):
    # A message may quote a cell; quote at most a screenful of it.
    text = str(message)
    return text if len(text) <= 500 else text[:500] + "…"


class RowError(Exception):
    def __init__(self, column, message):
        super().__init__(message)
        self.column = column
        self.message = message


def chunked(items, size=CHUNK):
    items = list(items)
    for start in range(0, len(items), size):
        yield items[start : start + size]


def normalize_email(value):
    return (value or "").strip().lower()


def users_by_email(emails):
    """``{normalized e-mail: user}`` for the addresses given, matched without regard to case."""
    from accounts.models import User

    found = {}
    for part in chunked(sorted(emails)):
        users = (
            User.objects.annotate(email_lower=Lower("email"))
            .filter(email_lower__in=part)
            .select_related("helper_profile__structure")
        )
        for user in users:
            found[user.email_lower] = user
    return found


class Importer:
    """Base class: subclasses declare ``kind``, ``columns``, ``required`` and implement
    ``check_rows`` and ``write``."""

    kind = ""
    model = None
    columns = ()
    required = ()
    optional_columns = ()  # may be left out of the file (added later: old files still import)

    def __init__(self, *, partner=None, user=None, progress=None):
        self.partner = partner  # operators import for their own partner only
        self.user = user
        self.progress = progress or (lambda done, total: None)
        self.header = ()  # the file's columns (run_import sets them)
        self.problems = []
        self.warnings = []
        self.created = 0
        self.updated = 0
        self.unchanged = 0

    # ---- helpers for subclasses -------------------------------------------------------------
    def error(self, row, column, message):
        self.problems.append(Problem(row, column, message))

    def warning(self, row, column, message):
        self.warnings.append(Problem(row, column, message))

    def text(self, record, column, *, max_length=None):
        value = record.get(column, "").strip()
        if column in self.required and not value:
            raise RowError(column, _("This value is required."))
        if max_length and len(value) > max_length:
            raise RowError(
                column,
                _("At most %(limit)s characters (this one has %(length)s).")
                % {"limit": max_length, "length": len(value)},
            )
        return value

    def date(self, record, column):
        value = self.text(record, column)
        if not value:
            return None
        if not ISO_DATE.match(value):
            raise RowError(column, _("“%(value)s” is not a date as YYYY-MM-DD.") % {"value": value})
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            raise RowError(
                column, _("“%(value)s” is not a real date.") % {"value": value}
            ) from None

    def integer(self, record, column, *, minimum=1, maximum=None):
        value = self.text(record, column)
        if not value:
            return None
        if not value.isdigit():
            raise RowError(column, _("“%(value)s” is not a whole number.") % {"value": value})
        number = int(value)
        if number < minimum:
            raise RowError(column, _("Must be at least %(minimum)s.") % {"minimum": minimum})
        if maximum is not None and number > maximum:
            raise RowError(column, _("Must be at most %(maximum)s.") % {"maximum": maximum})
        return number

    def choice(self, record, column, allowed):
        value = self.text(record, column)
        if value and value not in allowed:
            raise RowError(
                column,
                _("“%(value)s” is not allowed; use one of: %(allowed)s.")
                % {"value": value, "allowed": ", ".join(sorted(allowed))},
            )
        return value

    def email(self, record, column):
        value = normalize_email(self.text(record, column))
        if value:
            try:
                validate_email(value)
            except ValidationError:
                raise RowError(
                    column, _("“%(value)s” is not an e-mail address.") % {"value": value}
                ) from None
            if mixes_scripts(value):
                raise RowError(
                    column,
                    _("“%(value)s” mixes letters of different alphabets in its domain.")
                    % {"value": value},
                )
        return value

    def partner_code(self, record, column, partners):
        code = self.text(record, column)
        partner = partners.get(code.upper())
        if partner is None:
            raise RowError(column, _("Unknown partner “%(code)s”.") % {"code": code})
        if self.partner is not None and partner.pk != self.partner.pk:
            raise RowError(
                column,
                _("You can only import data of your own partner (%(code)s).")
                % {"code": self.partner.code},
            )
        return partner

    def first_seen(self, seen, key, row, column, label):
        """Report a key already used earlier in the file; remember it otherwise."""
        if key in seen:
            raise RowError(
                column,
                _("%(label)s “%(key)s” already appears on row %(row)s.")
                % {"label": label, "key": key, "row": seen[key]},
            )
        seen[key] = row

    def structures_by_ref(self, refs):
        from partners.models import Structure

        found = {}
        queryset = Structure.objects.all()
        if self.partner is not None:
            queryset = queryset.filter(partner=self.partner)
        for part in chunked(sorted(refs)):
            for structure in queryset.filter(ref__in=part):
                found[structure.ref] = structure
        return found

    # ---- the run ---------------------------------------------------------------------------
    def run_rows(self, records, total):
        """Call ``check_row`` on each record, turning RowError into a problem."""
        for index, (number, record) in enumerate(records, start=1):
            try:
                self.check_row(number, record)
            except RowError as error:
                self.error(number, error.column, error.message)
            if index % 1000 == 0:
                self.progress(index, total)
        self.progress(total, total)

    def check(self, records):
        raise NotImplementedError

    def write(self):
        raise NotImplementedError


def check_header(header, importer):
    problems = []
    seen = set()
    for name in header:
        if name in seen:
            problems.append(Problem(1, name, _("This column appears twice.")))
        seen.add(name)
        if name not in importer.columns and name not in importer.optional_columns:
            problems.append(
                Problem(
                    1,
                    name or "?",
                    _("Unknown column; the columns are: %(columns)s.")
                    % {"columns": ",".join(importer.columns + importer.optional_columns)},
                )
            )
    for name in importer.columns:
        if name not in seen:
            problems.append(Problem(1, name, _("This column is missing.")))
    return problems


def run_import(
    kind, data, filename, *, dry_run=False, partner=None, user=None, progress=None, preview=5
):
    """Check a whole file, then (unless ``dry_run`` or anything is wrong) write it at once."""
    from partners.imports import IMPORTERS

    importer = IMPORTERS[kind](partner=partner, user=user, progress=progress)
    report = Report(kind=kind, dry_run=dry_run)
    try:
        header, rows = read_table(data, filename, max_rows=max_rows(), max_bytes=max_bytes())
    except SpreadsheetError as error:
        report.problems.append(Problem(None, None, str(error)))
        return report
    report.header = header
    report.rows = len(rows)
    report.problems = check_header(header, importer)
    if report.problems:
        return report

    records = []
    for number, cells in rows:
        if len(cells) > len(header) and any(cells[len(header) :]):
            report.problems.append(
                Problem(number, header[-1], _("This row has more cells than the header."))
            )
            continue
        records.append((number, dict(zip(header, cells, strict=False))))
    report.preview = [[record.get(name, "") for name in header] for _n, record in records[:preview]]
    if not records and not report.problems:
        report.problems.append(Problem(None, None, _("The file has no data rows.")))
    if report.problems:
        return report

    importer.header = tuple(header)
    importer.check(records)
    report.problems = sorted(importer.problems, key=lambda p: (p.row or 0, p.column or ""))
    report.warnings = sorted(importer.warnings, key=lambda p: (p.row or 0, p.column or ""))
    report.created, report.updated, report.unchanged = (
        importer.created,
        importer.updated,
        importer.unchanged,
    )
    if report.problems or dry_run:
        return report
    with transaction.atomic():
        importer.write()
    report.written = True
    return report

import sys
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from partners.imports import IMPORTERS, run_import


class Command(BaseCommand):
    help = "Import structures, participations or accompaniments from a CSV (UTF-8) or XLSX file."

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=sorted(IMPORTERS))
        parser.add_argument("file")
        parser.add_argument(
            "--dry-run", action="store_true", help="Check the file and report; write nothing."
        )

    def handle(self, *args, kind, file, dry_run, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(_("No file at %(path)s.") % {"path": file})
        started = time.monotonic()
        report = run_import(kind, path.read_bytes(), path.name, dry_run=dry_run)
        elapsed = time.monotonic() - started
        for warning in report.warnings:  # accepted; said so that someone checks
            self.stderr.write(_("Warning: %(warning)s") % {"warning": warning})
        for problem in report.problems:
            self.stderr.write(str(problem))
        if report.problems:
            self.stderr.write(
                _("%(count)s problem(s): nothing was imported.") % {"count": len(report.problems)}
            )
            sys.exit(1)
        summary = _(
            "%(rows)s rows: %(created)s to create, %(updated)s to update, "
            "%(unchanged)s unchanged (%(seconds).1f s)."
        ) % {
            "rows": report.rows,
            "created": report.created,
            "updated": report.updated,
            "unchanged": report.unchanged,
            "seconds": elapsed,
        }
        self.stdout.write(summary)
        self.stdout.write(_("Dry run: nothing was written.") if dry_run else _("Imported."))

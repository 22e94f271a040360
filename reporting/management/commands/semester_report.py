import sys

from django.core.management.base import BaseCommand, CommandError

from reporting import exports, indicators, services
from reporting.indicators import find_semester
from reporting.models import Programme


class Command(BaseCommand):
    help = "Write the semester report of a programme as CSV, XLSX or PDF (stdout by default)."

    def add_arguments(self, parser):
        parser.add_argument("--programme", default="crosslearn", help="programme slug")
        parser.add_argument("--semester", help="only this semester, e.g. S2")
        parser.add_argument("--format", choices=sorted(exports.CONTENT_TYPES), required=True)
        parser.add_argument("--output", help="file to write (stdout when absent)")

    def handle(self, *args, programme, semester, format, output, **options):
        try:
            programme = Programme.objects.get(slug=programme)
        except Programme.DoesNotExist as error:
            raise CommandError(f"No programme {programme!r}.") from error
        chosen = None
        if semester:
            chosen = find_semester(programme, semester)
            if chosen is None:
                raise CommandError(f"No semester {semester!r} in {programme.slug}.")
        figures = indicators.compute(programme)
        if format == "csv":
            self._write_text(exports.stream_csv(figures, semester=chosen), output)
            return
        if format == "xlsx":
            content = exports.build_xlsx(figures, semester=chosen)
        else:
            frozen = services.frozen_values(programme)
            content = exports.build_pdf(figures, semester=chosen, frozen=frozen)
        self._write_bytes(content, output)

    def _write_text(self, lines, output):
        if output:
            with open(output, "w", encoding="utf-8", newline="") as handle:
                handle.writelines(lines)
        else:
            for line in lines:
                self.stdout.write(line, ending="")

    def _write_bytes(self, content, output):
        if output:
            with open(output, "wb") as handle:
                handle.write(content)
            return
        target = getattr(self.stdout._out, "buffer", None) or sys.stdout.buffer
        target.write(content)
        target.flush()

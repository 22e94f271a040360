from django.core.management.base import BaseCommand
from django.db import connection

from reporting.demo import seed


class Command(BaseCommand):
    help = "Load deterministic demo data; scale 1 gives the seed programme's volumes."

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale", type=float, default=1.0, help="1 = seed volumes, 10 = ten times"
        )

    def handle(self, *args, scale, **options):
        if scale <= 0:
            self.stderr.write("--scale must be positive.")
            raise SystemExit(2)
        seed(scale=scale, stdout=self.stdout)
        if connection.vendor == "postgresql":
            # Fresh statistics after bulk loading, or the planner picks plans for empty tables.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")

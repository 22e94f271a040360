# ruff: noqa: E501, C408
"""Benchmark the accompaniment import: N valid rows, written then re-imported unchanged.

Usage: DATABASE_URL=postgres://… python tools/bench_imports.py [ROWS]
It creates its own structures and helpers (refs and e-mails prefixed ``BENCH``) in the
database given, runs ``import_data``'s code path and prints rows per second. The target is
2,000 rows per second on PostgreSQL (issue #6).
"""

import os
import sys
import time
from pathlib import Path

import django

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "crosslearn.settings")
django.setup()

from django.core.management import call_command  # noqa: E402

from accounts.models import User  # noqa: E402
from helpers.models import HelperProfile  # noqa: E402
from partners.imports import run_import  # noqa: E402
from partners.models import Partner, Structure, StructureKind  # noqa: E402

HEADER = "ref,date,helper_email,structure_ref,kind,participants,duration_minutes,themes,place,postal_code"
THEMES = ["1.1", "2.3", "5.2", "1.1|2.1", "3.1|4.2|5.3"]


def prepare(helpers=200):
    call_command("migrate", verbosity=0)
    partner = Partner.objects.get(code="WTC")
    kind = StructureKind.objects.get(code="association")
    structures = []
    for n in range(20):
        structure, _ = Structure.objects.get_or_create(
            ref=f"BENCH-{n:03d}",
            defaults=dict(
                name=f"Bench {n}",
                kind=kind,
                partner=partner,
                country="FR",
                postal_code="59000",
                city="Lille",
            ),
        )
        structures.append(structure)
    for n in range(helpers):
        user, created = User.objects.get_or_create(
            email=f"bench{n}@example.org", defaults={"role": "helper"}
        )
        if created or not hasattr(user, "helper_profile"):
            HelperProfile.objects.get_or_create(
                user=user, defaults={"structure": structures[n % 20]}
            )


def make_csv(rows, helpers=200):
    lines = [HEADER]
    for n in range(rows):
        collective = n % 5 == 0
        lines.append(
            f"BENCH-A{n:07d},2021-{1 + n % 12:02d}-{1 + n % 28:02d},bench{n % helpers}@example.org,"
            f"BENCH-{n % 20:03d},{'collective' if collective else 'individual'},"
            f"{6 if collective else 1},{30 + n % 90},{THEMES[n % 5]},structure,59000"
        )
    return ("\n".join(lines) + "\n").encode()


def main():
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000
    prepare()
    data = make_csv(rows)
    for label in ("first import (creates)", "re-import (unchanged)"):
        started = time.monotonic()
        report = run_import("accompaniments", data, "bench.csv")
        elapsed = time.monotonic() - started
        assert report.ok, report.problems[:5]
        print(
            f"{label}: {rows} rows in {elapsed:.2f} s = {rows / elapsed:,.0f} rows/s "
            f"(created {report.created}, updated {report.updated}, unchanged {report.unchanged})"
        )


if __name__ == "__main__":
    main()

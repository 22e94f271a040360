"""Writes of the reporting app: platform-session roll-ups and semester snapshots."""

import datetime

from django.db import transaction
from django.db.models import Count

from reporting import indicators
from reporting.models import DailyPlatformSessions, PageView, Programme, Snapshot

RAW_PAGE_VIEWS_KEPT_DAYS = 7


@transaction.atomic
def roll_up_platform_sessions(*, today=None):
    """Count the distinct sessions of every finished day still held as raw page views.

    Safe to run twice: a day's count is replaced by the count of its raw rows, and raw rows
    are only deleted a week later, long after their day was rolled up.
    """
    today = today or indicators.today()
    counts = (
        PageView.objects.filter(day__lt=today)
        .order_by()
        .values("day", "region")
        .annotate(sessions=Count("id"))
    )
    days = set()
    rows = []
    for row in counts:
        days.add(row["day"])
        rows.append(DailyPlatformSessions(**row))
    DailyPlatformSessions.objects.filter(day__in=days).delete()
    DailyPlatformSessions.objects.bulk_create(rows)
    PageView.objects.filter(
        day__lt=today - datetime.timedelta(days=RAW_PAGE_VIEWS_KEPT_DAYS)
    ).delete()
    return len(rows)


@transaction.atomic
def take_snapshots(*, programme, today=None):
    """Store tonight's report rows of each started semester; freeze the closed ones once.

    A frozen snapshot is never rewritten: it is what the funder report was built on.
    """
    today = today or indicators.today()
    figures = indicators.compute(programme)
    taken = 0
    for semester in figures.semesters:
        if semester.start > today:
            continue
        rows = [row.as_dict() for row in figures.rows(semester=semester)]
        Snapshot.objects.update_or_create(
            semester=semester, taken_on=today, frozen=False, defaults={"rows": rows}
        )
        taken += 1
        closed = indicators.semester_is_closed(semester, today)
        if closed and not Snapshot.objects.filter(semester=semester, frozen=True).exists():
            Snapshot.objects.create(semester=semester, taken_on=today, frozen=True, rows=rows)
    return taken


def take_all_snapshots(*, today=None):
    return sum(take_snapshots(programme=p, today=today) for p in Programme.objects.all())


def frozen_values(programme):
    """{(semester number, partner, indicator): value} as submitted in the frozen snapshots."""
    values = {}
    snapshots = Snapshot.objects.filter(semester__programme=programme, frozen=True)
    for snapshot in snapshots.select_related("semester"):
        for row in snapshot.rows:
            values[(snapshot.semester.number, row["partner"], row["indicator"])] = row["value"]
    return values

"""Imports uploaded in the admin: check (preview), then import on confirmation.

Files of more than ``BACKGROUND_ROWS`` rows are checked and imported by a Celery task, which
records its progress on the job; the page showing the job refreshes itself until it is done.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from accounts.access import reach_of
from partners.imports.common import run_import
from partners.models import ImportJob

BACKGROUND_ROWS = 10_000


def estimate_rows(data, filename):
    """A quick count of data rows, to choose between the page and a background task."""
    if filename.lower().endswith(".xlsx") or data[:2] == b"PK":
        import io

        from openpyxl import load_workbook

        try:
            workbook = load_workbook(io.BytesIO(data), read_only=True)
            rows = (workbook.worksheets[0].max_row or 1) - 1 if workbook.worksheets else 0
            workbook.close()
            return rows
        except Exception:  # a damaged file: the check will say so, quickly
            return 0
    return max(0, data.count(b"\n") - 1)


def _progress(job):
    def report(done, total):
        ImportJob.objects.filter(pk=job.pk).update(done=done, total=total)

    return report


def start_import_job(*, kind, upload, user):
    """Save the upload and check it (now, or in the background when it is large)."""
    reach = reach_of(user)
    if not reach.can_write or not (reach.partner_id or reach.everything):
        raise PermissionDenied
    data = upload.read()
    upload.seek(0)
    job = ImportJob.objects.create(
        kind=kind,
        file=upload,
        filename=upload.name[:255],
        partner_id=reach.partner_id,  # operators import for their partner only
        created_by=user,
        total=estimate_rows(data, upload.name),
    )
    if job.total > BACKGROUND_ROWS:
        from partners.tasks import run_import_job

        transaction.on_commit(lambda: run_import_job.delay(job.pk, apply=False))
    else:
        run_job(job, apply=False)
    return job


def confirm_import_job(job):
    """Import a checked file (now, or in the background when it is large)."""
    ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.IMPORTING, done=0)
    job.refresh_from_db()
    if job.total > BACKGROUND_ROWS:
        from partners.tasks import run_import_job

        transaction.on_commit(lambda: run_import_job.delay(job.pk, apply=True))
    else:
        run_job(job, apply=True)
    return job


def run_job(job, *, apply):
    """Check (``apply=False``) or import the job's file; safe to run twice."""
    expected = ImportJob.Status.IMPORTING if apply else ImportJob.Status.CHECKING
    if job.status != expected:
        return job
    with job.file.open("rb") as handle:
        data = handle.read()
    try:
        report = run_import(
            job.kind,
            data,
            job.filename,
            dry_run=not apply,
            partner=job.partner,
            user=job.created_by,
            progress=_progress(job),
        )
    except Exception:
        job.status = ImportJob.Status.FAILED
        job.finished_at = timezone.now()
        job.save(update_fields=["status", "finished_at"])
        forget_source(job)
        raise
    job.refresh_from_db(fields=["done", "total"])
    job.report = report.as_dict()
    job.total = report.rows
    if report.problems:
        job.status = ImportJob.Status.INVALID
    elif apply:
        job.status = ImportJob.Status.DONE
    else:
        job.status = ImportJob.Status.CHECKED
    job.finished_at = timezone.now() if job.status != ImportJob.Status.CHECKED else None
    job.save(update_fields=["report", "total", "status", "finished_at"])
    if job.finished_at:
        forget_source(job)
    return job


def forget_source(job):
    """A finished job keeps its figures and problems, not the people in the file: the
    uploaded file and the preview of its first rows go (the minimum personal data)."""
    if job.file:
        job.file.delete(save=False)
    job.report = {**(job.report or {}), "preview": []}
    ImportJob.objects.filter(pk=job.pk).update(file="", report=job.report)

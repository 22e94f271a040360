from celery import shared_task


@shared_task
def run_import_job(job_id, *, apply):
    """Check or import an uploaded spreadsheet (large files only; small ones run in the page)."""
    from partners.imports.jobs import run_job
    from partners.models import ImportJob

    job = ImportJob.objects.filter(pk=job_id).first()
    if job is not None:
        run_job(job, apply=apply)

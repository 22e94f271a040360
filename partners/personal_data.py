"""What the partners app holds about a person, for the privacy registry (accounts.privacy):
who uploaded an import, and the people named in import reports and files."""

import json
import re

from django.utils import timezone

from accounts import privacy
from accounts.personal_data import ERASED
from partners.models import ImportJob

privacy.link(ImportJob, "created_by", privacy.UNLINK)


@privacy.scrubber
def scrub_imports(user, identifiers):
    """Import reports quote cells and files hold rows: take the person out of both.

    A file waiting for confirmation that names the person is withdrawn (confirming it would
    bring them back); finished jobs no longer keep their file (partners.imports.jobs).
    """
    lowered = [text.lower() for text in identifiers]
    for job in ImportJob.objects.only("report", "file", "status", "finished_at"):
        report_text = json.dumps(job.report, ensure_ascii=False).lower()
        in_report = any(text in report_text for text in lowered)
        in_file = bool(job.file) and _file_mentions(job.file, lowered)
        if not (in_report or in_file):
            continue
        if in_report:
            # A preview row naming the person goes whole (their other cells are theirs too).
            job.report["preview"] = [
                [ERASED] * len(row) if _mentions(" ".join(map(str, row)), lowered) else row
                for row in job.report.get("preview", [])
            ]
            text = json.dumps(job.report, ensure_ascii=False)
            job.report = json.loads(_replace_all(text, lowered))
        if in_file:
            job.file.delete(save=False)
            job.file = ""
            if not job.finished_at:
                job.status = ImportJob.Status.FAILED
                job.finished_at = timezone.now()
        job.save(update_fields=["report", "file", "status", "finished_at"])


def _file_mentions(stored_file, lowered):
    from crosslearn.lib.spreadsheets import SpreadsheetError, read_table

    try:
        with stored_file.open("rb") as handle:
            header, rows = read_table(handle.read(), stored_file.name)
    except (OSError, SpreadsheetError):
        return True  # unreadable: cannot tell, so it goes
    cells = " ".join([*header, *(cell for _n, row in rows for cell in row)]).lower()
    return any(text in cells for text in lowered)


def _mentions(text, lowered):
    text = text.lower()
    return any(needle in text for needle in lowered)


def _replace_all(text, lowered):
    for needle in lowered:
        text = re.sub(re.escape(needle), ERASED, text, flags=re.IGNORECASE)
    return text

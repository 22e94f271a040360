from django.core.management.base import BaseCommand, CommandError

from courses.loading import CONTENT_DIR, ContentError, load_content


class Command(BaseCommand):
    help = "Load the course and positioning-test files of courses/content/ (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--path", default=str(CONTENT_DIR), help="content directory")
        parser.add_argument(
            "--force", action="store_true", help="reload even when the version did not change"
        )

    def handle(self, *args, path, force, **options):
        try:
            report = load_content(path, force=force)
        except ContentError as exc:
            raise CommandError(
                "No content loaded. Fix these problems:\n- " + "\n- ".join(exc.errors)
            ) from exc
        self.stdout.write(
            f"Courses: {len(report.created)} created, {len(report.updated)} updated, "
            f"{len(report.unchanged)} unchanged. "
            f"Positioning test: {report.positioning or 'no file'}."
        )

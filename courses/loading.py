"""Load the versioned content files (courses/content/) into the database, all or nothing."""

import json
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import transaction

from courses.content import LANGUAGES, validate_course, validate_positioning
from courses.models import Competence, Course, PositioningQuestion, Step
from partners.models import Sector

CONTENT_DIR = Path(settings.BASE_DIR) / "courses" / "content"


class ContentError(Exception):
    def __init__(self, errors):
        self.errors = errors
        super().__init__("\n".join(errors))


@dataclass
class LoadReport:
    created: list = field(default_factory=list)
    updated: list = field(default_factory=list)
    unchanged: list = field(default_factory=list)
    positioning: str = ""


def _read(path, errors):
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        errors.append(f"{path.name}: not readable JSON ({exc})")
        return None


def read_content(directory):
    """Read and validate every file; raise ContentError listing every problem found."""
    directory = Path(directory)
    errors, courses = [], []
    for path in sorted((directory / "courses").glob("*.json")):
        data = _read(path, errors)
        if data is not None:
            problems = validate_course(data, path.name)
            errors.extend(problems)
            if not problems:
                courses.append(data)
    slugs = {c["slug"] for c in courses}
    competences = set(Competence.objects.current().values_list("code", flat=True))
    sectors = set(Sector.objects.values_list("code", flat=True))
    for course in courses:
        name = f"{course['slug']}.json"
        variant = course["variant_of"]
        if variant and variant not in slugs and not Course.objects.filter(slug=variant).exists():
            errors.append(f"{name}: 'variant_of' names an unknown course {course['variant_of']}")
        for code in course["competences"]:
            if code not in competences:
                errors.append(f"{name}: competence {code} is not in the current framework")
        if course["sector"] and course["sector"] not in sectors:
            errors.append(f"{name}: sector {course['sector']} is unknown")
    positioning = None
    path = directory / "positioning.json"
    if path.exists():
        positioning = _read(path, errors)
        if positioning is not None:
            errors.extend(validate_positioning(positioning, path.name))
    if errors:
        raise ContentError(errors)
    return courses, positioning


def _translated(value, name):
    return {f"{name}_{lang}": value[lang] for lang in LANGUAGES} | {name: value["fr"]}


@transaction.atomic
def load_content(directory=CONTENT_DIR, *, force=False, publish=True):
    """Upsert courses by slug (when the file's version is newer, or ``force``) and the test."""
    courses, positioning = read_content(directory)
    report = LoadReport()
    competences = {c.code: c for c in Competence.objects.current()}
    sectors = {s.code: s for s in Sector.objects.all()}
    loaded = {}
    for data in courses:
        course = Course.objects.filter(slug=data["slug"]).first()
        if course and course.version >= data["version"] and not force:
            report.unchanged.append(data["slug"])
            loaded[data["slug"]] = course
            continue
        (report.updated if course else report.created).append(data["slug"])
        course = course or Course(slug=data["slug"], published=publish)
        course.version = data["version"]
        course.audience = data["audience"]
        course.level = data["level"]
        course.duration_minutes = data["duration_minutes"]
        course.country = data["country"]
        course.helper_stage = data["helper_stage"] or ""
        course.sector = sectors.get(data["sector"]) if data["sector"] else None
        for key, value in _translated(data["title"], "title").items():
            setattr(course, key, value)
        for key, value in _translated(data["summary"], "summary").items():
            setattr(course, key, value)
        course.full_clean(exclude=["variant_of"])
        course.save()
        course.competences.set([competences[code] for code in data["competences"]])
        course.steps.all().delete()
        Step.objects.bulk_create(
            Step(course=course, position=n, type=step["type"], data=step)
            for n, step in enumerate(data["steps"], 1)
        )
        loaded[data["slug"]] = course
    for data in courses:
        course = loaded[data["slug"]]
        if data["slug"] in report.unchanged:
            continue
        variant = data["variant_of"]
        course.variant_of = loaded.get(variant) or Course.objects.filter(slug=variant).first()
        course.save(update_fields=["variant_of"])
    if positioning is not None:
        report.positioning = _load_positioning(positioning, force=force)
    return report


def _load_positioning(data, *, force):
    current = PositioningQuestion.objects.order_by("-version").values_list("version", flat=True)
    version = current.first()
    if version is not None and version >= data["version"] and not force:
        return "unchanged"
    PositioningQuestion.objects.all().delete()
    PositioningQuestion.objects.bulk_create(
        PositioningQuestion(
            position=n,
            area_code=q["area"],
            level=q["level"],
            version=data["version"],
            data={"prompt": q["prompt"], "choices": q["choices"]},
        )
        for n, q in enumerate(data["questions"], 1)
    )
    return "loaded"

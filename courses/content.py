"""The content files of courses/content/ (format: SCHEMA.md): validation and language selection."""

import re

from django.conf import settings

LANGUAGES = ("fr", "nl", "en")
SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
COMPETENCE_RE = re.compile(r"^[1-5]\.[1-9]$")
BLANK_RE = re.compile(r"\[\[([^\]]+)\]\]")
AUDIENCES = ("learner", "helper")
COUNTRIES = ("both", "FR", "BE")
HELPER_STAGES = ("awareness", "training", "specialisation", "continuing")
SECTORS = ("insertion", "banking", "social", "education", "health", "seniors", "other")


def is_text(value):
    return isinstance(value, dict) and set(value) >= set(LANGUAGES)


def check_text(errors, where, value, name, *, required=True):
    if value is None and not required:
        return
    if not isinstance(value, dict):
        errors.append(f"{where}: '{name}' must be an object with fr, nl and en")
        return
    for lang in LANGUAGES:
        if not isinstance(value.get(lang), str) or not value[lang].strip():
            errors.append(f"{where}: '{name}' needs a non-empty '{lang}' text")


def check_list(errors, where, value, name, low, high):
    if not isinstance(value, list):
        errors.append(f"{where}: '{name}' must be a list")
        return []
    if not low <= len(value) <= high:
        errors.append(f"{where}: '{name}' needs {low} to {high} entries, found {len(value)}")
    return [item for item in value if isinstance(item, dict)]


def check_image(errors, where, image):
    """An image is the name of an SVG of static/courses/img/ (no words, so no translation)."""
    if not isinstance(image, str) or not image.endswith(".svg") or "/" in image:
        errors.append(f"{where}: 'image' must be an SVG file name or null")
        return
    from django.contrib.staticfiles import finders

    if not finders.find(f"courses/img/{image}"):
        errors.append(f"{where}: image static/courses/img/{image} not found")


def validate_step(step, where="step"):
    """Return a list of readable errors for one step (empty when the step is valid)."""
    errors = []
    if not isinstance(step, dict):
        return [f"{where}: must be an object"]
    kind = step.get("type")
    where = f"{where} ({kind})"
    if kind == "explanation":
        check_text(errors, where, step.get("title"), "title")
        check_text(errors, where, step.get("body"), "body")
        if step.get("image") is not None:
            check_image(errors, where, step["image"])
            check_text(errors, where, step.get("image_alt"), "image_alt")
        return errors
    from courses.exercise_types import content_types, exercise_for, kinds_of

    if kind not in content_types():
        return [f"{where}: unknown type; use explanation or one of {', '.join(content_types())}"]
    check_text(errors, where, step.get("prompt"), "prompt")
    check_text(errors, where, step.get("explanation"), "explanation")
    exercise = exercise_for(kind, step)
    if exercise is None:
        return [*errors, f"{where}: 'kind' must be {' or '.join(kinds_of(kind))}"]
    exercise.validate(step, where, errors)
    return errors


def validate_course(data, name):
    """Return readable errors for one course file; ``name`` is the file name."""
    if not isinstance(data, dict):
        return [f"{name}: the file must hold one JSON object"]
    errors = []
    slug = data.get("slug")
    if not isinstance(slug, str) or not SLUG_RE.match(slug):
        errors.append(f"{name}: 'slug' must be lowercase letters, digits and dashes")
    elif name != f"{slug}.json":
        errors.append(f"{name}: 'slug' ({slug}) must equal the file name")
    if not isinstance(data.get("version"), int) or data["version"] < 1:
        errors.append(f"{name}: 'version' must be a whole number from 1")
    if data.get("audience") not in AUDIENCES:
        errors.append(f"{name}: 'audience' must be learner or helper")
    level = data.get("level")
    if not isinstance(level, int) or not 1 <= level <= 8:
        errors.append(f"{name}: 'level' must be a whole number from 1 to 8")
    duration = data.get("duration_minutes")
    if not isinstance(duration, int) or not 5 <= duration <= 60:
        errors.append(f"{name}: 'duration_minutes' must be from 5 to 60")
    if data.get("country") not in COUNTRIES:
        errors.append(f"{name}: 'country' must be both, FR or BE")
    variant = data.get("variant_of")
    if variant is not None and (not isinstance(variant, str) or not SLUG_RE.match(variant)):
        errors.append(f"{name}: 'variant_of' must be a course slug or null")
    competences = data.get("competences")
    if not isinstance(competences, list) or not competences:
        errors.append(f"{name}: 'competences' needs at least one DigComp code such as \"2.1\"")
    else:
        for code in competences:
            if not isinstance(code, str) or not COMPETENCE_RE.match(code):
                errors.append(f'{name}: competence {code!r} is not a DigComp code such as "2.1"')
    stage = data.get("helper_stage")
    if stage is not None and stage not in HELPER_STAGES:
        errors.append(f"{name}: 'helper_stage' must be one of {', '.join(HELPER_STAGES)} or null")
    if stage is not None and data.get("audience") != "helper":
        errors.append(f"{name}: only helper courses have a 'helper_stage'")
    if data.get("sector") is not None and data.get("sector") not in SECTORS:
        errors.append(f"{name}: 'sector' must be one of {', '.join(SECTORS)} or null")
    check_text(errors, name, data.get("title"), "title")
    check_text(errors, name, data.get("summary"), "summary")
    steps = data.get("steps")
    if not isinstance(steps, list) or not steps:
        errors.append(f"{name}: 'steps' must be a non-empty list")
        return errors
    for number, step in enumerate(steps, 1):
        errors.extend(validate_step(step, f"{name}: step {number}"))
    kinds = [s.get("type") for s in steps if isinstance(s, dict)]
    exercises = sum(1 for k in kinds if k != "explanation")
    if exercises < 5:
        errors.append(f"{name}: a course needs at least 5 exercises, found {exercises}")
    if kinds.count("explanation") < 2:
        errors.append(f"{name}: a course needs at least 2 explanation steps")
    return errors


def validate_positioning(data, name="positioning.json"):
    from courses.exercise_types.choices import check_choices

    if not isinstance(data, dict):
        return [f"{name}: the file must hold one JSON object"]
    errors = []
    if not isinstance(data.get("version"), int) or data["version"] < 1:
        errors.append(f"{name}: 'version' must be a whole number from 1")
    questions = data.get("questions")
    if not isinstance(questions, list) or not 15 <= len(questions) <= 25:
        return [*errors, f"{name}: 'questions' needs 15 to 25 questions"]
    for number, question in enumerate(questions, 1):
        where = f"{name}: question {number}"
        if not isinstance(question, dict):
            errors.append(f"{where}: must be an object")
            continue
        if question.get("area") not in ("1", "2", "3", "4", "5"):
            errors.append(f'{where}: \'area\' must be "1" to "5"')
        if not isinstance(question.get("level"), int) or not 1 <= question["level"] <= 8:
            errors.append(f"{where}: 'level' must be from 1 to 8")
        check_text(errors, where, question.get("prompt"), "prompt")
        check_choices(errors, where, question, 2, 4, exactly_one=True)
    return errors


class Localised:
    """Picks one language out of content texts and remembers when it had to fall back."""

    def __init__(self, language):
        self.language = language if language in LANGUAGES else settings.LANGUAGE_CODE
        self.fell_back = False

    def text(self, value):
        if not is_text(value):
            return value
        order = [self.language, *settings.MODELTRANSLATION_FALLBACK_LANGUAGES["default"]]
        for code in order:
            if value.get(code):
                if code != self.language:
                    self.fell_back = True
                return value[code]
        return ""

    def __call__(self, value):
        """Replace every {fr, nl, en} object in ``value`` by the chosen language's text."""
        if is_text(value):
            return self.text(value)
        if isinstance(value, dict):
            return {k: self(v) for k, v in value.items()}
        if isinstance(value, list):
            return [self(v) for v in value]
        return value


def text_blocks(body):
    """Split a plain-text body into paragraphs and lists: [("p", text) | ("ul", [items])]."""
    blocks = []
    for chunk in (body or "").split("\n\n"):
        lines = [line.strip() for line in chunk.strip().splitlines() if line.strip()]
        paragraph = []
        items = []
        for line in lines:
            if line.startswith("- "):
                if paragraph:
                    blocks.append(("p", " ".join(paragraph)))
                    paragraph = []
                items.append(line[2:].strip())
            else:
                if items:
                    blocks.append(("ul", items))
                    items = []
                paragraph.append(line)
        if paragraph:
            blocks.append(("p", " ".join(paragraph)))
        if items:
            blocks.append(("ul", items))
    return blocks

from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from courses import services
from courses.caching import course_with_steps
from courses.content import Localised, text_blocks
from courses.exercises import present, read_answer, template_for
from courses.models import Course
from courses.models.progress import pass_mark
from courses.views.common import fallback_notice, get_course, language, visible_or_404


def step(request, slug, number):
    """One step of the player. POST "check" checks an answer; POST "next" moves on."""
    course, steps = course_with_steps(slug)
    visible_or_404(request, course)
    current = next((s for s in steps if s.position == number), None)
    if current is None:
        raise Http404
    lang = language()
    last = steps[-1].position
    errors, value = [], None
    if request.method == "POST":
        if request.POST.get("action") == "check" and current.is_exercise:
            reading = read_answer(current, request.POST, lang)
            errors, value = reading.errors, reading.value
            if not errors:
                services.record_answer(request=request, step=current, value=value, language=lang)
                return redirect(reverse("courses:step", args=[slug, number]) + "#feedback")
        else:
            services.move_on(request=request, course=course, position=number, last_position=last)
            if number >= last:
                return redirect("courses:done", slug)
            following = next(s.position for s in steps if s.position > number)
            return redirect("courses:step", slug, following)
    progress = services.progress_for(request, course)
    answer = progress.answer_for(number)
    if answer and answer.get("type") != current.type:
        answer = None  # the course was rewritten since: this old answer no longer fits
    if answer and not errors:
        value = answer["value"]
    exercise_template = None
    if current.is_exercise:
        content, fell_back = present(current, lang, value)
        exercise_template = template_for(current)
    else:
        loc = Localised(lang)
        content = loc(current.data)
        content["blocks"] = text_blocks(content["body"])
        fell_back = loc.fell_back
    index = steps.index(current)
    return render(
        request,
        "courses/step.html",
        {
            "course": course,
            "step": current,
            "content": content,
            "exercise_template": exercise_template,
            "errors": errors,
            "answer": None if errors else answer,
            "number": index + 1,
            "total": len(steps),
            "percent": round(100 * (index + 1) / len(steps)),
            "previous": steps[index - 1].position if index else None,
            "is_last": current.position == last,
            "fallback": fell_back or fallback_notice(course, lang),
        },
    )


def course_done(request, slug):
    course = get_course(request, slug, Course.objects.with_competences())
    progress = services.progress_for(request, course)
    if not progress.completed_at:
        return redirect("courses:course", slug)
    prompts = {s.position: s.data.get("prompt") for s in services.exercise_steps(course)}
    exercises = len(prompts)
    localised = Localised(language())
    to_redo = [(p, localised.text(prompts[p]) or "") for p in progress.to_redo(prompts)]
    areas = {c.area.code for c in course.competences.all()}
    suggestions = list(
        Course.objects.published()
        .filter(
            audience=course.audience, competences__area__code__in=areas, level__gte=course.level
        )
        .exclude(pk=course.pk)
        .distinct()
        .order_by("level", "title")[:3]
    )
    return render(
        request,
        "courses/done.html",
        {
            "course": course,
            "progress": progress,
            "exercises": exercises,
            "needed": pass_mark(exercises),
            "to_redo": to_redo,
            "suggestions": suggestions,
        },
    )

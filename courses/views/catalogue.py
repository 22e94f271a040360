from django.contrib.auth.decorators import login_required, permission_required
from django.db.models import Count
from django.shortcuts import render

from courses.forms import CatalogueFilterForm
from courses.models import Area, Competence, Course, PositioningResult, Progress
from courses.services import progress_for, recommend_courses
from courses.views.common import fallback_notice, get_course, language, user_country
from crosslearn.lib.caching import cache_for_visitors


@cache_for_visitors("course-content")
def catalogue(request):
    areas = list(Area.objects.filter(framework__is_current=True))
    competences = list(Competence.objects.current())
    country = user_country(request.user)
    data = request.GET.copy()
    if country and "country" not in data:
        data["country"] = country
    form = CatalogueFilterForm(data, areas=areas, competences=competences)
    form.is_valid()  # unknown values are dropped; the valid filters still apply
    courses = form.filter(Course.objects.published())
    courses = list(courses.with_competences().order_by("-audience", "level", "title"))
    lang = language()
    done, started = set(), set()
    if request.user.is_authenticated:
        for course_id, completed in Progress.objects.filter(user=request.user).values_list(
            "course_id", "completed_at"
        ):
            (done if completed else started).add(course_id)
    for course in courses:
        course.fallback = fallback_notice(course, lang)
        course.is_done = course.pk in done
        course.is_started = course.pk in started
    return render(
        request,
        "courses/catalogue.html",
        {"form": form, "courses": courses, "country": form.data.get("country", "")},
    )


@cache_for_visitors("course-content")
def course_detail(request, slug):
    course = get_course(
        request, slug, Course.objects.select_related("variant_of", "sector").with_competences()
    )
    steps = list(course.steps.values_list("position", "type"))
    progress = progress_for(request, course)
    variants = list(Course.objects.published().filter(variant_of=course)) + (
        [course.variant_of] if course.variant_of and course.variant_of.published else []
    )
    return render(
        request,
        "courses/course_detail.html",
        {
            "course": course,
            "fallback": fallback_notice(course, language()),
            "steps_count": len(steps),
            "exercises_count": sum(1 for _p, kind in steps if kind != "explanation"),
            "progress": progress,
            "started": bool(progress.pk or progress.answers or progress.current_step > 1),
            "variants": variants,
        },
    )


@login_required
@permission_required("accounts.use_learner_space", raise_exception=True)
def my_learning(request):
    """One screen: continue where you stopped, the next course for you, progress in plain
    words with pictures; the DigComp detail one tap away (folded)."""
    competences = (
        Competence.objects.current().with_progress_for(request.user).select_related("area")
    )
    areas = {}
    for competence in competences:
        areas.setdefault(competence.area, []).append(competence)
    progress = list(
        Progress.objects.for_user(request.user)
        .select_related("course")
        .annotate(steps_total=Count("course__steps"))
        .order_by("completed_at", "-updated_at")
    )
    in_progress = [p for p in progress if not p.completed_at]
    last_test = (
        PositioningResult.objects.filter(user=request.user)
        .only("pk", "created_at", "levels")
        .first()
    )
    mastered = sum(1 for c in competences if c.level_reached)
    return render(
        request,
        "courses/my_learning.html",
        {
            "areas": areas.items(),
            "area_meters": [
                (area, [bool(c.level_reached) for c in skills]) for area, skills in areas.items()
            ],
            "last_test": last_test,
            "resume": in_progress[0] if in_progress else None,
            "next_course": _next_course(request.user, last_test, progress),
            "in_progress": in_progress,
            "completed": [p for p in progress if p.completed_at],
            "passed_count": sum(1 for p in progress if p.passed),
            "mastered": mastered,
            "skills_total": len(competences),
        },
    )


def _next_course(user, last_test, progress):
    """The one course to take next: the test's first recommendation not taken yet, else the
    first beginner course of the learner's country."""
    taken = {p.course_id for p in progress}
    country = user_country(user)
    if last_test is not None:
        for course in recommend_courses(levels=last_test.levels, country=country):
            if course.pk not in taken:
                return course
    beginner = (
        Course.objects.published()
        .filter(audience=Course.Audience.LEARNER)
        .for_country(country)
        .exclude(pk__in=taken)
        .order_by("level", "title")
    )
    return beginner.first()

from django.contrib.auth.decorators import login_required, permission_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from accounts.access import approved_structure_id
from accounts.models import User
from courses import services
from courses.content import Localised
from courses.forms import PositioningForm
from courses.models import Area, PositioningQuestion, PositioningResult
from courses.views.common import language, user_country

LETTERS = "ABCD"


def _questions():
    questions = list(PositioningQuestion.objects.all())
    if not questions:
        raise Http404
    return questions


def positioning(request):
    questions = _questions()
    form = PositioningForm(request.POST or None, questions=questions, language=language())
    if request.method == "POST" and form.is_valid():
        result = services.save_positioning(
            answers=form.answers(), user=request.user, session=request.session
        )
        return redirect("courses:positioning_result", result.pk)
    return render(
        request,
        "courses/positioning.html",
        {"form": form, "minutes": max(5, round(len(questions) * 0.4))},
    )


def positioning_result(request, pk):
    result = get_object_or_404(PositioningResult, pk=pk)
    user = request.user
    mine = (user.is_authenticated and user.pk in (result.user_id, result.entered_by_id)) or (
        pk in request.session.get(services.RESULTS_KEY, [])
    )
    if not mine:
        raise Http404
    areas = {a.code: a for a in Area.objects.filter(framework__is_current=True)}
    rows = [
        {"area": areas.get(code), "code": code, "level": level}
        for code, level in result.levels.items()
    ]
    return render(
        request,
        "courses/positioning_result.html",
        {
            "result": result,
            "rows": rows,
            "courses": services.recommend_courses(levels=result.levels, country=user_country(user)),
        },
    )


def positioning_paper(request):
    loc = Localised(language())
    questions = [
        {
            "number": q.position,
            "prompt": loc.text(q.data["prompt"]),
            "choices": [(LETTERS[i], loc.text(c["text"])) for i, c in enumerate(q.data["choices"])],
            "grid": [LETTERS[i] if i < len(q.data["choices"]) else "" for i in range(4)],
        }
        for q in _questions()
    ]
    return render(
        request,
        "courses/positioning_paper.html",
        {"questions": questions, "letters": LETTERS, "fallback": loc.fell_back},
    )


@login_required
@permission_required("accounts.use_helper_space", raise_exception=True)
def positioning_enter(request):
    questions = _questions()
    structure_id = approved_structure_id(request.user)
    learners = (
        User.objects.filter(learner_profile__structure_id=structure_id)
        if structure_id
        else User.objects.none()
    )
    form = PositioningForm(
        request.POST or None,
        questions=questions,
        language=language(),
        paper=True,
        learners=learners.order_by("first_name", "pk"),
    )
    if request.method == "POST" and form.is_valid():
        learner = form.cleaned_data.get("learner")
        result = services.save_positioning(
            answers=form.answers(),
            user=learner,
            entered_by=request.user,
            learner_name="" if learner else form.cleaned_data["learner_name"],
        )
        return redirect("courses:positioning_result", result.pk)
    return render(request, "courses/positioning_enter.html", {"form": form})

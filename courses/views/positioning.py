from collections import Counter

from django.contrib.auth.decorators import login_required, permission_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

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


def verdict(right, asked):
    """The result of an area in plain words: "alone", "with help" or "not yet"."""
    if asked and right / asked >= 0.75:
        return "alone"
    if right:
        return "with_help"
    return "not_yet"


ANSWERS_KEY = "positioning_answers"  # the answers given so far, in the session


def positioning(request):
    """The test, one question per screen (no JavaScript): each answer is kept in the session
    until the last one, then the result is saved. "Back" returns to the previous question."""
    questions = _questions()
    answers = request.session.get(ANSWERS_KEY, {})
    number = _question_number(request, questions, answers)
    question = questions[number - 1]
    if request.method == "POST" and "back" in request.POST:
        return redirect(_url_of(max(1, number - 1)))
    form = PositioningForm(request.POST or None, questions=[question], language=language())
    if request.method == "POST" and form.is_valid():
        answers = {**answers, **form.answers()}
        request.session[ANSWERS_KEY] = answers
        missing = [n for n, q in enumerate(questions, 1) if str(q.position) not in answers]
        if number < len(questions) or missing:
            return redirect(_url_of(number + 1 if number < len(questions) else missing[0]))
        result = services.save_positioning(
            answers=answers, user=request.user, session=request.session
        )
        request.session.pop(ANSWERS_KEY, None)
        return redirect("courses:positioning_result", result.pk)
    if request.method != "POST":
        chosen = answers.get(str(question.position))
        if chosen is not None:  # coming back: the answer given stays ticked
            form.initial[f"q{question.position}"] = str(chosen)
    return render(
        request,
        "courses/positioning.html",
        {
            "form": form,
            "number": number,
            "total": len(questions),
            "percent": round(100 * (number - 1) / len(questions)),
            "minutes": max(5, round(len(questions) * 0.4)),
        },
    )


def _question_number(request, questions, answers):
    """The question asked for (1 to the number of questions), else the first not answered."""
    asked = request.POST.get("question") or request.GET.get("question")
    if asked and asked.isdigit():
        return min(max(1, int(asked)), len(questions))
    unanswered = [n for n, q in enumerate(questions, 1) if str(q.position) not in answers]
    return unanswered[0] if unanswered else 1


def _url_of(number):
    return f"{reverse('courses:positioning')}?question={number}"


def positioning_result(request, pk):
    result = get_object_or_404(PositioningResult, pk=pk)
    user = request.user
    mine = (user.is_authenticated and user.pk in (result.user_id, result.entered_by_id)) or (
        pk in request.session.get(services.RESULTS_KEY, [])
    )
    if not mine:
        raise Http404
    areas = {a.code: a for a in Area.objects.filter(framework__is_current=True)}
    asked = Counter(PositioningQuestion.objects.values_list("area_code", flat=True))
    rows = [
        {
            "area": areas.get(code),
            "code": code,
            "level": level,
            "asked": asked.get(code, 0),
            "verdict": verdict(level, asked.get(code, 0)),
            "dots": [n < level for n in range(asked.get(code, 0))],  # the picture of it
        }
        for code, level in result.levels.items()
    ]
    return render(
        request,
        "courses/positioning_result.html",
        {
            "result": result,
            "rows": rows,
            # At most three, the weakest area first: one clear next step.
            "courses": services.recommend_courses(levels=result.levels, country=user_country(user))[
                :3
            ],
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

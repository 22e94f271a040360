"""Every page × every role, against objects of partner A (WTC).

To add a page, add one line to ``SITE``, ``CHANGELISTS`` or ``OBJECT_PAGES``. A model newly
registered in the admin fails ``test_every_admin_model_is_in_the_matrix`` until it has a line.

Expected answers: 200 shown, 302 sent to log in (or to the person's own space), 403 not allowed,
404 another partner's object (it does not exist for them). Staff have their second factor.
``pending_helper`` asked to join partner A's structure (the learner's) and waits for approval:
they reach exactly what a helper without a structure reaches, none of that structure's objects.
"""

import pytest
from django.contrib import admin
from django.urls import reverse

from accounts.learners import create_learner
from partners.models import ImportJob, Partner
from tests.factories import (
    AccompanimentFactory,
    ParticipationFactory,
    StructureFactory,
    TrainingSessionFactory,
    make_courses,
    make_helper,
    make_pending_helper,
)

ROLES = ["anonymous", "learner", "helper", "pending_helper", "operator_a", "operator_b"]
ROLES += ["coordinator"]


def row(anonymous, learner, helper, operator_a, operator_b, coordinator, pending_helper=None):
    answers = (anonymous, learner, helper, operator_a, operator_b, coordinator)
    names = ["anonymous", "learner", "helper", "operator_a", "operator_b", "coordinator"]
    expected = dict(zip(names, answers, strict=True))
    expected["pending_helper"] = helper if pending_helper is None else pending_helper
    return expected


def staff(operator_a, operator_b, coordinator):
    """An admin page: people who are not staff are sent to the login page."""
    return row(302, 302, 302, operator_a, operator_b, coordinator)


SITE = {
    "home": (lambda o: reverse("home"), row(200, 200, 200, 200, 200, 200)),
    "my space": (lambda o: reverse("accounts:space"), row(302, 302, 302, 302, 302, 302)),
    "learning": (lambda o: reverse("courses:my_learning"), row(302, 200, 200, 403, 403, 403)),
    "helper space": (lambda o: reverse("helpers:dashboard"), row(302, 403, 200, 403, 403, 403)),
    "reports": (lambda o: reverse("reporting:dashboard"), row(302, 403, 403, 200, 200, 200)),
    "admin index": (lambda o: reverse("admin:index"), staff(200, 200, 200)),
    # Public pages
    "structure directory": (lambda o: reverse("partners:directory"), row(*[200] * 6)),
    "attestation check": (lambda o: reverse("helpers:verify_attestation_form"), row(*[200] * 6)),
    "unknown attestation": (
        lambda o: reverse("helpers:verify_attestation", args=["NOPE"]),
        row(*[404] * 6),
    ),
    "open data": (lambda o: reverse("reporting:open_data", args=["crosslearn"]), row(*[200] * 6)),
    "card login": (lambda o: reverse("accounts:card_login"), row(*[200] * 6)),
    "become a helper": (lambda o: reverse("helpers:join"), row(200, 200, 200, 403, 403, 403)),
    # Everyone's own account
    "my data": (lambda o: reverse("accounts:my_data"), row(302, 200, 200, 200, 200, 200)),
    "my data download": (
        lambda o: reverse("accounts:download_my_data"),
        row(302, 200, 200, 200, 200, 200),
    ),
    "helper profile": (lambda o: reverse("helpers:profile"), row(302, 200, 200, 403, 403, 403)),
    # Helper space (the helper persona works in another structure than partner A's objects)
    **{
        name: (lambda o, url=url: reverse(url), row(302, 403, 200, 403, 403, 403))
        for name, url in [
            ("session list", "helpers:session_list"),
            ("my accompaniments", "helpers:accompaniments"),
            ("accompaniments CSV", "helpers:export_csv"),
            ("accompaniments XLSX", "helpers:export_xlsx"),
            ("my learners", "helpers:learners"),
        ]
    },
    **{
        name: (lambda o, url=url: reverse(url), row(302, 403, 302, 403, 403, 403))
        for name, url in [  # a helper without a structure is first asked to join one
            ("new accompaniment", "helpers:accompaniment_create"),
            ("new learner", "helpers:learner_create"),
        ]
    },
    **{
        name: (
            lambda o, url=url: reverse(url, args=[o["session"].pk]),
            row(302, 403, 200, 403, 403, 403),
        )
        for name, url in [
            ("session", "helpers:session_detail"),
            ("session calendar", "helpers:session_calendar"),
            ("book", "helpers:book"),
        ]
    },
    "cancel a booking I do not have": (
        lambda o: reverse("helpers:cancel", args=[o["session"].pk]),
        row(302, 403, 404, 403, 403, 403),
    ),
    "attestation without the path": (
        lambda o: reverse("helpers:attestation"),
        row(302, 403, 403, 403, 403, 403),
    ),
    "attendance of a session of partner A": (
        lambda o: reverse("helpers:attendance", args=[o["session"].pk]),
        row(302, 403, 403, 200, 404, 403),
    ),
    **{
        name: (
            lambda o, url=url: reverse(url, args=[o["accompaniment"].pk]),
            row(302, 403, 404, 403, 403, 403),
        )
        for name, url in [
            ("another helper's accompaniment edit", "helpers:accompaniment_edit"),
            ("another helper's accompaniment delete", "helpers:accompaniment_delete"),
        ]
    },
    # A learner of a structure of partner A: its helpers and partner A's staff only
    **{
        name: (
            lambda o, url=url: reverse(url, args=[o["learner"].pk]),
            row(302, 404, 404, 200, 404, 404),
        )
        for name, url in [
            ("learner page", "helpers:learner"),
            ("learner card", "helpers:learner_card"),
            ("learner erasure", "helpers:learner_erase"),
        ]
    },
    # Courses: open to everyone, anonymous visitors included (progress kept in the session)
    **{
        name: (build, row(*[200] * 6))
        for name, build in [
            ("catalogue", lambda o: reverse("courses:catalogue")),
            ("course page", lambda o: reverse("courses:course", args=[o["course"].slug])),
            ("course step", lambda o: reverse("courses:step", args=[o["course"].slug, 1])),
            ("positioning test", lambda o: reverse("courses:positioning")),
            ("positioning test on paper", lambda o: reverse("courses:positioning_paper")),
        ]
    },
    "score of an unfinished course": (
        lambda o: reverse("courses:done", args=[o["course"].slug]),
        row(*[302] * 6),
    ),
    "typing in a paper test": (
        lambda o: reverse("courses:positioning_enter"),
        row(302, 403, 200, 403, 403, 403),
    ),
    # Programme reports
    **{
        f"semester report {fmt}": (
            lambda o, fmt=fmt: reverse("reporting:download", args=["crosslearn", fmt]),
            row(302, 403, 403, 403, 403, 200),
        )
        for fmt in ["csv", "xlsx", "pdf"]
    },
}

# Changelist of every model in the admin: (operators, coordinator).
CHANGELISTS = {
    "auth.group": (403, 403),
    "account.emailaddress": (403, 403),
    "mfa.authenticator": (403, 403),
    "accounts.user": (200, 200),
    "partners.partner": (200, 200),
    "partners.zonerule": (403, 200),
    "partners.structurekind": (200, 200),
    "partners.structure": (200, 200),
    "partners.importjob": (200, 200),
    "courses.framework": (403, 403),
    "courses.area": (403, 403),
    "courses.competence": (200, 200),
    "courses.proficiencylevel": (403, 403),
    "partners.sector": (200, 200),
    "training.trainingsession": (200, 200),
    "training.participation": (200, 200),
    "helpers.accompaniment": (200, 200),
    "helpers.helperprofile": (200, 200),
    "helpers.membership": (200, 200),
    "reporting.programme": (403, 200),
    "reporting.snapshot": (403, 200),
    "courses.course": (200, 200),
    "courses.positioningquestion": (200, 403),
    "courses.positioningresult": (403, 200),
    "training.attestation": (200, 200),
    "accounts.learnerprofile": (200, 403),
    "reporting.dailyplatformsessions": (403, 200),
}

A_ONLY = staff(200, 404, 200)  # partner A's object: its operator, not B's; the coordinator reads


def admin_url(label, view, obj=None, suffix=""):
    app, model = label.split(".")
    args = [obj.pk] if obj is not None else []
    return reverse(f"admin:{app}_{model}_{view}", args=args) + suffix


OBJECT_PAGES = {
    **{
        f"{name} change": (
            lambda o, name=name: admin_url(o[name]._meta.label_lower, "change", o[name]),
            A_ONLY,
        )
        for name in [
            "structure",
            "session",
            "participation",
            "accompaniment",
            "profile",
            "person",
            "job",
            "partner",
        ]
    },
    **{
        f"{name} history": (
            lambda o, name=name: admin_url(o[name]._meta.label_lower, "history", o[name]),
            A_ONLY,
        )
        for name in ["structure", "session", "participation", "accompaniment", "profile"]
    },
    "structure version": (
        lambda o: reverse(
            "admin:partners_structure_simple_history",
            args=[o["structure"].pk, o["structure"].history.first().history_id],
        ),
        A_ONLY,
    ),
    "attendance sheet": (
        lambda o: admin_url("training.trainingsession", "attendance_sheet", o["session"]),
        A_ONLY,
    ),
    "accompaniment delete": (
        lambda o: admin_url("helpers.accompaniment", "delete", o["accompaniment"]),
        staff(200, 404, 403),
    ),
    "session delete": (
        lambda o: admin_url("training.trainingsession", "delete", o["session"]),
        staff(403, 404, 403),
    ),
    "structure delete": (
        lambda o: admin_url("partners.structure", "delete", o["structure"]),
        staff(403, 404, 403),
    ),
    "structure add": (lambda o: admin_url("partners.structure", "add"), staff(200, 200, 403)),
    "session add": (lambda o: admin_url("training.trainingsession", "add"), staff(200, 200, 403)),
    "accompaniment add": (
        lambda o: admin_url("helpers.accompaniment", "add"),
        staff(200, 200, 403),
    ),
    "participation add": (
        lambda o: admin_url("training.participation", "add"),
        staff(200, 200, 403),
    ),
    "learner profile": (
        lambda o: admin_url("accounts.learnerprofile", "change", o["learner"]),
        staff(200, 404, 403),
    ),
    "import upload": (lambda o: admin_url("partners.importjob", "add"), staff(200, 200, 403)),
    "user add": (lambda o: admin_url("accounts.user", "add"), staff(403, 403, 403)),
    "sector change": (
        lambda o: admin_url("partners.sector", "change", o["sector"]),
        staff(200, 200, 200),
    ),
}

# Pages whose redirect is not "log in first" (the score page sends back to the course).
NOT_LOGIN_REDIRECTS = {"score of an unfinished course"}

MATRIX = {
    **SITE,
    **{
        f"{label} list": (
            lambda o, label=label: admin_url(label, "changelist"),
            staff(op, op, coord),
        )
        for label, (op, coord) in CHANGELISTS.items()
    },
    **OBJECT_PAGES,
}


@pytest.fixture
def objects_a(db, settings, tmp_path):
    from django.core.files.base import ContentFile

    from courses.models import PositioningQuestion
    from partners.models import Sector

    settings.MEDIA_ROOT = tmp_path
    structure = StructureFactory(ref="WTC-0001")
    person = make_helper(structure=structure, email="aidant@example.org")
    session = TrainingSessionFactory()
    partner = Partner.objects.get(code="WTC")
    job = ImportJob(kind="structures", filename="s.csv", partner=partner, status="invalid")
    job.file.save("s.csv", ContentFile(b"ref\n"), save=False)
    job.save()
    return {
        "structure": structure,
        "person": person,
        "profile": person.helper_profile,
        "session": session,
        "participation": ParticipationFactory(session=session, person=person),
        "accompaniment": AccompanimentFactory(helper=person),
        "job": job,
        "partner": partner,
        "sector": Sector.objects.first(),
        "course": make_courses(1)[0],
        "question": PositioningQuestion.objects.create(
            position=1,
            area_code="1",
            level=1,
            data={
                "prompt": {"fr": "?", "nl": "?", "en": "?"},
                "choices": [{"text": {"fr": "Oui", "nl": "Ja", "en": "Yes"}, "correct": True}],
            },
        ),
        "learner": create_learner(helper=person, first_name="Lina", language="fr", consent=True)[0],
    }


def test_every_admin_model_is_in_the_matrix():
    registered = {model._meta.label_lower for model in admin.site._registry}
    assert registered == set(CHANGELISTS)


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("page", sorted(MATRIX))
def test_permission_matrix(page, role, request, client, objects_a, with_totp):
    if role == "pending_helper":
        user = make_pending_helper(structure=objects_a["structure"], email="pending@example.org")
        client.force_login(user)
    elif role != "anonymous":
        user = request.getfixturevalue(role)
        if user.is_staff:
            with_totp(user)
        client.force_login(user)
    url_for, expected = MATRIX[page]
    response = client.get(url_for(objects_a))
    assert response.status_code == expected[role], f"{page} as {role}: {url_for(objects_a)}"
    if response.status_code == 302 and role == "anonymous" and page not in NOT_LOGIN_REDIRECTS:
        assert "login" in response.url

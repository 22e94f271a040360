import json

import pytest
from django.core.management import call_command
from django.utils import translation

from accounts.models import User
from helpers.models import Accompaniment, HelperProfile
from partners.imports import run_import
from partners.models import Structure
from tests.backoffice.conftest import DATA
from training.models import Participation, TrainingSession

MALFORMED = json.loads((DATA / "malformed.json").read_text())


def counts():
    return {
        model.__name__: model.objects.count()
        for model in (Structure, TrainingSession, Participation, Accompaniment, User, HelperProfile)
    } | {"history": Accompaniment.history.count() + Structure.history.count()}


def import_file(name, *, dry_run=False, **kwargs):
    kind = name.split("_", 1)[0]
    return run_import(kind, (DATA / name).read_bytes(), name, dry_run=dry_run, **kwargs)


def test_there_are_at_least_twenty_malformed_files():
    assert len(MALFORMED) >= 20
    for name in MALFORMED:
        assert (DATA / name).is_file(), name


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(MALFORMED))
def test_each_malformed_file_is_rejected_at_the_right_place_and_nothing_is_written(name, aidant):
    before = counts()
    with translation.override("en"):
        report = run_import(
            MALFORMED[name]["kind"], (DATA / name).read_bytes(), name, dry_run=False
        )
        problems = [str(problem) for problem in report.problems]
    assert not report.written
    assert counts() == before
    for expected in MALFORMED[name]["expected"]:
        assert any(expected in problem for problem in problems), (expected, problems)
    # Each mistake is reported once: no cascade of follow-up problems.
    assert len(problems) == len(MALFORMED[name]["expected"]), problems


@pytest.mark.django_db
def test_structures_import_creates_then_changes_nothing_on_reimport():
    report = import_file("structures_valid.csv")
    assert report.written and (report.created, report.updated) == (2, 0)
    lille = Structure.objects.get(ref="S-1")
    assert lille.partner.code == "WTC" and lille.in_cross_border_zone
    assert lille.registration_number == "73282932000074"
    assert Structure.objects.get(ref="S-2").kind.code == "library"
    before = counts()
    again = import_file("structures_valid.csv")
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    assert counts() == before


@pytest.mark.django_db
def test_a_changed_row_updates_the_structure_and_records_history(tmp_path):
    import_file("structures_valid.csv")
    changed = (DATA / "structures_valid.csv").read_text(encoding="utf-8-sig")
    changed = changed.replace("Espace Lille", "Espace numérique de Lille")
    report = run_import("structures", changed.encode(), "s.csv")
    assert (report.created, report.updated, report.unchanged) == (0, 1, 1)
    lille = Structure.objects.get(ref="S-1")
    assert lille.name == "Espace numérique de Lille"
    assert [h.history_type for h in lille.history.order_by("history_date")] == ["+", "~"]


@pytest.mark.django_db
def test_participations_create_sessions_and_helper_accounts_once(aidant):
    report = import_file("participations_valid.csv")
    assert report.written and report.created == 2
    session = TrainingSession.objects.get(ref="SES-1")
    assert session.partner.code == "WTC" and session.kind == "training"
    local = session.starts_at.astimezone(__import__("zoneinfo").ZoneInfo("Europe/Paris"))
    assert (local.date().isoformat(), local.hour) == ("2021-05-10", 9)
    ana = User.objects.get(email="ana@example.org")
    assert ana.role == User.Role.HELPER and not ana.has_usable_password()
    assert ana.groups.get().name == "helper"
    assert ana.helper_profile.structure.ref == "WTC-0001"
    assert ana.helper_profile.sector.code == "social"
    attendance = dict(Participation.objects.values_list("person__email", "attendance"))
    assert attendance == {"ana@example.org": "present", "bob@example.org": "absent"}
    before = counts()
    again = import_file("participations_valid.csv")
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    assert counts() == before


@pytest.mark.django_db
def test_participations_match_existing_helpers_without_regard_to_case(aidant):
    from accounts.services import assign_role

    existing = assign_role(user=User.objects.create_user(email="ana@example.org"), role="helper")
    import_file("participations_valid.csv")
    assert User.objects.filter(email__iexact="ana@example.org").count() == 1
    assert Participation.objects.filter(person=existing).exists()
    profile = HelperProfile.objects.get(user=existing)
    assert profile.structure.ref == "WTC-0001"
    assert existing.memberships.get().status == "approved"


@pytest.mark.django_db
def test_an_import_never_turns_a_learner_account_into_a_helper(aidant):
    from accounts.services import assign_role

    learner = assign_role(user=User.objects.create_user(email="ana@example.org"), role="learner")
    with translation.override("en"):
        report = import_file("participations_valid.csv")
    assert not report.written
    assert [str(p) for p in report.problems] == [
        "row 2, column email: This address belongs to an account that is not a helper's. The "
        "person can become a helper from their own account; then import the file again."
    ]
    learner.refresh_from_db()
    assert learner.role == User.Role.LEARNER
    assert not HelperProfile.objects.filter(user=learner).exists()


@pytest.mark.django_db
def test_accompaniments_import_csv_and_xlsx_alike_and_idempotently(aidant):
    report = import_file("accompaniments_valid.csv")
    assert report.written and report.created == 2
    first = Accompaniment.objects.get(ref="A-1")
    assert first.helper == aidant and first.structure.ref == "WTC-0001"
    assert sorted(first.themes.values_list("code", flat=True)) == ["1.1", "2.3"]
    assert Accompaniment.objects.get(ref="A-2").participants == 8
    before = counts()
    again = import_file("accompaniments_valid.xlsx")
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2), again.problems
    assert counts() == before


@pytest.mark.django_db
def test_a_changed_theme_is_an_update(aidant):
    import_file("accompaniments_valid.csv")
    text = (DATA / "accompaniments_valid.csv").read_text(encoding="utf-8-sig")
    report = run_import("accompaniments", text.replace("1.1|2.3", "1.1").encode(), "a.csv")
    assert (report.created, report.updated, report.unchanged) == (0, 1, 1)
    assert list(Accompaniment.objects.get(ref="A-1").themes.values_list("code", flat=True)) == [
        "1.1"
    ]


@pytest.mark.django_db
def test_a_dry_run_reports_but_writes_nothing(aidant):
    before = counts()
    report = import_file("accompaniments_valid.csv", dry_run=True)
    assert report.ok and report.created == 2 and not report.written
    assert counts() == before


@pytest.mark.django_db
def test_an_operator_cannot_import_another_partners_rows(operator_b):
    with translation.override("en"):
        report = import_file("structures_valid.csv", partner=operator_b.partner, user=operator_b)
    assert [str(p) for p in report.problems] == [
        "row 2, column partner: You can only import data of your own partner (D09)."
    ]


@pytest.mark.django_db
def test_the_size_limit_is_told_plainly(settings, aidant):
    settings.IMPORT_MAX_ROWS = 1
    with translation.override("en"):
        report = import_file("accompaniments_valid.csv")
    assert "more than 1 rows" in str(report.problems[0])
    settings.IMPORT_MAX_ROWS, settings.IMPORT_MAX_BYTES = 100, 10
    with translation.override("en"):
        report = import_file("accompaniments_valid.csv")
    assert "too large" in str(report.problems[0])
    assert Accompaniment.objects.count() == 0


@pytest.mark.django_db
def test_the_command_prints_each_problem_and_exits_with_status_1(capsys, aidant):
    path = DATA / "accompaniments_several_mistakes.csv"
    with translation.override("en"), pytest.raises(SystemExit) as exit_:
        call_command("import_data", "accompaniments", str(path))
    assert exit_.value.code == 1
    err = capsys.readouterr().err
    assert "row 2, column kind:" in err and "row 4, column place:" in err


@pytest.mark.django_db
def test_the_command_imports_and_supports_dry_run(capsys, aidant):
    path = str(DATA / "accompaniments_valid.csv")
    call_command("import_data", "accompaniments", path, "--dry-run")
    assert Accompaniment.objects.count() == 0
    call_command("import_data", "accompaniments", path)
    assert Accompaniment.objects.count() == 2

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from helpers.models import Accompaniment
from partners.imports import jobs
from partners.models import ImportJob, Structure
from tests.backoffice.conftest import DATA


@pytest.fixture
def operator_client(client, with_totp, operator_a, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(with_totp(operator_a))
    return client


def upload(client, kind, name, data=None):
    data = data if data is not None else (DATA / name).read_bytes()
    return client.post(
        reverse("admin:partners_importjob_add"),
        {"kind": kind, "file": SimpleUploadedFile(name, data)},
    )


@pytest.mark.django_db
def test_the_upload_shows_a_preview_and_imports_only_on_confirmation(operator_client, aidant):
    response = upload(operator_client, "accompaniments", "accompaniments_valid.xlsx")
    job = ImportJob.objects.get()
    assert response.status_code == 302 and response.url.endswith(f"/{job.pk}/change/")
    assert job.status == ImportJob.Status.CHECKED and job.partner.code == "WTC"
    assert Accompaniment.objects.count() == 0
    page = operator_client.get(response.url)
    html = page.content.decode()
    assert page.context["report"]["created"] == 2
    assert "A-1" in html and "aidant@example.org" in html  # the first rows
    assert reverse("admin:partners_importjob_confirm", args=[job.pk]) in html

    operator_client.post(reverse("admin:partners_importjob_confirm", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE
    assert Accompaniment.objects.count() == 2
    assert Accompaniment.history.filter(history_user__email="operator.a@example.org").count() == 2


@pytest.mark.django_db
def test_a_wrong_file_lists_every_problem_and_cannot_be_confirmed(operator_client, aidant):
    response = upload(operator_client, "accompaniments", "accompaniments_several_mistakes.csv")
    job = ImportJob.objects.get()
    assert job.status == ImportJob.Status.INVALID
    page = operator_client.get(response.url)
    problems = page.context["report"]["problems"]
    assert [(p["row"], p["column"]) for p in problems] == [
        (2, "kind"),
        (3, "date"),
        (4, "place"),
    ]
    assert not page.context["can_confirm"]
    operator_client.post(reverse("admin:partners_importjob_confirm", args=[job.pk]))
    assert Accompaniment.objects.count() == 0


@pytest.mark.django_db
def test_an_operator_cannot_import_rows_of_another_partner(operator_client):
    upload(operator_client, "structures", "structures_valid.csv")
    job = ImportJob.objects.get()
    assert job.status == ImportJob.Status.INVALID
    assert {p["row"] for p in job.report["problems"]} == {3}  # the D09 row
    assert not Structure.objects.filter(ref__in=["S-1", "S-2"]).exists()


@pytest.mark.django_db
def test_a_large_file_runs_in_the_background_and_shows_its_progress(
    operator_client, aidant, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(jobs, "BACKGROUND_ROWS", 1)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = upload(operator_client, "accompaniments", "accompaniments_valid.csv")
    job = ImportJob.objects.get()
    assert job.status == ImportJob.Status.CHECKING and len(callbacks) == 1
    page = operator_client.get(response.url).content.decode()
    assert 'http-equiv="refresh"' in page and "<progress" in page
    callbacks[0]()  # the Celery task (eager in tests)
    job.refresh_from_db()
    assert job.status == ImportJob.Status.CHECKED and job.done == job.total == 2
    assert 'http-equiv="refresh"' not in operator_client.get(response.url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        operator_client.post(reverse("admin:partners_importjob_confirm", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE and Accompaniment.objects.count() == 2


@pytest.mark.django_db
def test_another_partners_operator_cannot_see_or_confirm_the_job(
    operator_client, aidant, client, with_totp, operator_b
):
    upload(operator_client, "accompaniments", "accompaniments_valid.csv")
    job = ImportJob.objects.get()
    client.force_login(with_totp(operator_b))
    assert client.get(reverse("admin:partners_importjob_change", args=[job.pk])).status_code == 404
    url = reverse("admin:partners_importjob_confirm", args=[job.pk])
    assert client.post(url).status_code == 404
    assert Accompaniment.objects.count() == 0


@pytest.mark.django_db
def test_a_file_that_is_not_a_spreadsheet_is_refused_by_the_form(operator_client):
    response = upload(operator_client, "structures", "photo.png", b"\x89PNG")
    assert response.status_code == 200
    assert "file" in response.context["form"].errors
    assert not ImportJob.objects.exists()

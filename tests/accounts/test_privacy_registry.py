"""Every link to a person is in the privacy registry, so no new model can be forgotten."""

from accounts import privacy


def test_every_model_linking_to_a_person_says_what_erasure_does_to_it():
    missing = [
        f"{model._meta.label}.{field}"
        for model, field in privacy.person_links()
        if not privacy.registered(model, field)
    ]
    assert missing == [], "register them in the app's personal_data.py (accounts.privacy)"


def test_the_registry_names_no_field_that_does_not_exist():
    links = set(privacy.person_links())
    assert {(entry.model, entry.field) for entry in privacy.LINKS} <= links


def test_a_new_model_with_a_link_to_a_person_would_be_caught():
    from django.contrib.auth import get_user_model
    from django.db import models

    class Diary(models.Model):  # what a future feature might add
        author = models.ForeignKey(get_user_model(), on_delete=models.CASCADE)

        class Meta:
            app_label = "helpers"

    try:
        missing = [
            (model, field)
            for model, field in privacy.person_links()
            if not privacy.registered(model, field)
        ]
        assert (Diary, "author") in missing
    finally:
        from django.apps import apps

        del apps.all_models["helpers"]["diary"]
        apps.clear_cache()

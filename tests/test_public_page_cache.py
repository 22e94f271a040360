import pytest
from django.urls import reverse

from partners.models import Partner

pytestmark = pytest.mark.django_db


def test_visitors_without_a_session_share_a_cached_home_page(client, django_assert_num_queries):
    client.get("/fr/")
    with django_assert_num_queries(0):
        response = client.get("/fr/")
    assert response.status_code == 200
    assert "Réseau des EPN de Wallonie" in response.content.decode()


def test_the_cache_is_per_language(client):
    client.get("/fr/")
    assert '<html lang="nl">' in client.get("/nl/").content.decode()


def test_people_with_a_session_get_a_fresh_page(client, learner):
    client.get("/fr/")
    Partner.objects.filter(code="EPN").update(name="EPN renamed")
    client.force_login(learner)
    page = client.get("/fr/").content.decode()
    assert "EPN renamed" in page
    assert "Se déconnecter" in page


def test_a_message_after_logging_out_is_never_hidden_or_shared(client, learner):
    client.get("/fr/")  # a cached copy exists
    client.force_login(learner)
    response = client.post(reverse("account_logout"), follow=True)
    assert response.redirect_chain[-1][0] == "/fr/"
    message = [str(m) for m in response.context["messages"]][0]
    assert message in response.content.decode()
    assert message not in client.get("/fr/").content.decode()

import pytest
from django.urls import reverse

from accounts.models import User
from helpers.models import HelperProfile
from partners.models import Partner, Sector, Structure, StructureKind
from tests.factories import StructureFactory, make_pending_helper

pytestmark = pytest.mark.django_db

JOIN = reverse("helpers:join")


def form_data(**overrides):
    data = {
        "sector": Sector.objects.get(code="social").pk,
        "language": "nl",
        "first_name": "Anke",
        "last_name": "Peeters",
    }
    data.update(overrides)
    return data


def test_a_visitor_is_invited_to_create_an_account_first(client):
    response = client.get(JOIN)
    assert response.status_code == 200
    assert f"/fr/accounts/signup/?next={JOIN.replace('/', '%2F')}" in response.content.decode()


def test_a_learner_finds_a_structure_and_asks_to_become_its_helper(client, learner):
    structure = StructureFactory(name="Médiathèque de Roubaix", postal_code="59100", city="Roubaix")
    StructureFactory(name="Bibliothèque de Namur", postal_code="5000", city="Namur")
    client.force_login(learner)
    for query in ["roubaix", "591", "médiathèque"]:
        results = client.get(JOIN, {"q": query}).context["results"]
        assert [s.pk for s in results] == [structure.pk]
    response = client.post(JOIN, form_data(structure=structure.pk))
    assert response.status_code == 302
    assert response.url == reverse("helpers:dashboard")
    learner = User.objects.get(pk=learner.pk)
    assert learner.has_perm("accounts.use_helper_space")
    assert learner.language == "nl"
    profile = HelperProfile.objects.get(user=learner)
    # The structure is theirs once its partner approves (tests/helpers/test_membership.py).
    assert (profile.structure, profile.sector.code) == (None, "social")
    request = learner.memberships.get()
    assert (request.structure, request.status) == (structure, "pending")


def test_pending_structures_are_not_offered(client, learner):
    StructureFactory(name="Pending place", status=Structure.Status.PENDING)
    pending = Structure.objects.get()
    client.force_login(learner)
    assert client.get(JOIN, {"q": "pending"}).context["results"] == []
    response = client.post(JOIN, form_data(structure=pending.pk))
    assert response.status_code == 200
    assert "structure" in response.context["form"].errors
    assert not HelperProfile.objects.exists()


def test_a_helper_asks_for_a_new_structure_which_waits_for_approval(client, learner):
    client.force_login(learner)
    response = client.post(
        JOIN,
        form_data(
            structure="new",
            new_name="CPAS de Mons",
            new_kind=StructureKind.objects.get(code="social_services").pk,
            new_partner=Partner.objects.get(code="EPN").pk,
            new_country="BE",
            new_postal_code="7000",
            new_city="Mons",
            new_registration_number="BE 0403.170.701",
        ),
    )
    assert response.status_code == 302, response.context["form"].errors
    structure = Structure.objects.get(name="CPAS de Mons")
    assert structure.status == Structure.Status.PENDING
    assert structure.in_cross_border_zone is True
    assert structure.registration_number == "0403170701"
    assert HelperProfile.objects.get(user=learner).structure is None
    assert learner.memberships.get(status="pending").structure == structure
    assert structure not in Structure.objects.approved()


@pytest.mark.parametrize(
    ("country", "number"), [("FR", "73282932000075"), ("BE", "0403170702"), ("BE", "12")]
)
def test_an_invalid_registration_number_is_explained(client, learner, country, number):
    client.force_login(learner)
    response = client.post(
        JOIN,
        form_data(
            structure="new",
            new_name="Asso",
            new_kind=StructureKind.objects.get(code="association").pk,
            new_partner=Partner.objects.get(code="WTC").pk,
            new_country=country,
            new_postal_code="59000",
            new_city="Lille",
            new_registration_number=number,
        ),
    )
    assert response.status_code == 200
    assert "new_registration_number" in response.context["form"].errors
    assert 'class="error-summary"' in response.content.decode()
    assert not Structure.objects.exists()


def test_asking_for_a_new_structure_needs_its_name_and_place(client, learner):
    client.force_login(learner)
    response = client.post(JOIN, form_data(structure="new"))
    errors = response.context["form"].errors
    assert {"new_name", "new_kind", "new_partner", "new_postal_code", "new_city"} <= set(errors)


def test_a_helper_changes_sector_and_keeps_a_structure_that_is_still_pending(client):
    pending = StructureFactory(status=Structure.Status.PENDING)
    helper = make_pending_helper(structure=pending)
    request = helper.memberships.get()
    client.force_login(helper)
    page = client.get(reverse("helpers:profile"))
    assert page.context["results"] == [pending]
    response = client.post(
        reverse("helpers:profile"),
        form_data(structure=pending.pk, sector=Sector.objects.get(code="health").pk),
    )
    assert response.status_code == 302
    assert HelperProfile.objects.get(user=helper).sector.code == "health"
    assert list(helper.memberships.all()) == [request]  # the same request, still waiting


@pytest.mark.parametrize("persona", ["operator_a", "coordinator"])
def test_staff_do_not_become_helpers(client, request, persona):
    user = request.getfixturevalue(persona)
    client.force_login(user)
    assert client.get(JOIN).status_code == 403
    assert client.post(JOIN, form_data(structure=StructureFactory().pk)).status_code == 403
    assert User.objects.get(pk=user.pk).role == persona.split("_")[0]


def test_the_wish_to_help_survives_confirming_the_address_in_another_browser(
    client, django_capture_on_commit_callbacks
):
    """Someone who clicked "Become a digital helper" lands on the helper form after
    confirming their address and logging in, even where the link was opened elsewhere."""
    import re

    from django.core import mail
    from django.test import Client

    start = client.get(JOIN)  # a visitor: invited to create an account first
    signup_link = re.search(r'href="([^"]*/signup/[^"]*)"', start.content.decode()).group(1)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            signup_link.replace("&amp;", "&"),
            {
                "email": "nadia@example.org",
                "password1": "Un-mot-de-passe-2026",
                "password2": "Un-mot-de-passe-2026",
                "next": JOIN,
            },
        )
    assert response.status_code == 302
    link = re.search(r"http://testserver(\S+)", mail.outbox[-1].body).group(1)
    phone = Client()  # the mail app opens the link in another browser
    phone.post(link)
    response = phone.post(
        reverse("account_login"),
        {"login": "nadia@example.org", "password": "Un-mot-de-passe-2026"},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == JOIN
    assert "helpers/join.html" in [t.name for t in response.templates]


def test_people_who_signed_up_to_learn_go_to_their_learning_space(client):
    client.post(
        reverse("account_signup"),
        {
            "email": "lina@example.org",
            "password1": "Un-mot-de-passe-2026",
            "password2": "Un-mot-de-passe-2026",
        },
    )
    assert User.objects.get(email="lina@example.org").helper_intent is False


def test_a_helper_gives_a_first_and_last_name_to_join_and_can_change_them(client, learner):
    from tests.factories import StructureFactory

    structure = StructureFactory()
    client.force_login(learner)
    data = form_data(structure=structure.pk, first_name="", last_name=" ")
    page = client.post(JOIN, data).content.decode()
    assert "Indiquez votre prénom : il est imprimé sur votre attestation." in page
    assert "Indiquez votre nom : il est imprimé sur votre attestation." in page
    client.post(JOIN, form_data(structure=structure.pk, first_name=" Anke ", last_name="Peeters"))
    learner.refresh_from_db()
    assert (learner.first_name, learner.last_name) == ("Anke", "Peeters")
    profile = client.get(reverse("helpers:profile")).content.decode()
    assert 'value="Peeters"' in profile and 'autocomplete="family-name"' in profile
    client.post(
        reverse("helpers:profile"),
        form_data(structure=structure.pk, first_name="Anke", last_name="Peeters-De Smet"),
    )
    learner.refresh_from_db()
    assert learner.last_name == "Peeters-De Smet"
    dashboard = client.get(reverse("helpers:dashboard")).content.decode()
    assert "Bienvenue, Anke." in dashboard and learner.email not in dashboard

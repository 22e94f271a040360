"""The register of the people helped (issue #13, point 1): who came, without names needed."""

import pytest
from django.urls import reverse

from helpers.models import Accompaniment, Beneficiary
from helpers.services.register import add_person, likely_duplicates, merge, register_of
from tests.factories import AccompanimentFactory, StructureFactory, make_helper
from tests.helpers.test_accompaniments import NEW, quick_post

pytestmark = pytest.mark.django_db
REGISTER = reverse("helpers:register")


@pytest.fixture
def structure():
    return StructureFactory(postal_code="59100", city="Roubaix")


@pytest.fixture
def helper(structure):
    return make_helper(structure=structure)


@pytest.fixture
def client_helper(client, helper):
    client.force_login(helper)
    return client


def test_logging_a_new_person_adds_them_to_the_register_without_a_name(client_helper, structure):
    response = client_helper.post(
        NEW, quick_post(new_initial="D", age_bracket="60_69", first_time="yes")
    )
    assert response.status_code == 302
    (person,) = Beneficiary.objects.filter(structure=structure)
    assert (person.first_name, person.age_bracket, person.accompanied_before) == (
        "",
        "60_69",
        False,
    )
    accompaniment = Accompaniment.objects.get()
    assert list(accompaniment.beneficiaries.all()) == [person]
    assert accompaniment.registered_participants == 1
    # The next time, the helper picks them from the register.
    client_helper.post(NEW, quick_post(person=person.pk))
    assert person.accompaniments.count() == 2
    assert Beneficiary.objects.count() == 1


def test_the_learner_accounts_of_the_structure_are_in_the_register(client_helper, helper):
    from accounts.learners import create_learner

    profile, _code = create_learner(helper=helper, first_name="Lina", language="fr", consent=True)
    page = client_helper.get(NEW)
    entry = page.context["form"].fields["person"].queryset.get(learner=profile.user)
    client_helper.post(NEW, quick_post(person=entry.pk))
    assert Accompaniment.objects.get().learner == profile.user  # the learner's follow-up


def test_a_workshop_counts_its_people_and_how_many_came_before(client_helper):
    response = client_helper.post(
        NEW, quick_post(kind="collective", participants="6", already_accompanied="7")
    )
    assert response.status_code == 400
    assert "Cela ne peut pas dépasser les 6 personnes venues." in response.content.decode()
    client_helper.post(
        NEW, quick_post(kind="collective", participants="6", already_accompanied="2")
    )
    workshop = Accompaniment.objects.get()
    assert (workshop.participants, workshop.already_accompanied) == (6, 2)
    assert workshop.registered_participants == 0


def test_a_workshop_does_not_name_one_person(client_helper, structure, helper):
    person = add_person(structure=structure, by=helper, first_name="Ana")
    response = client_helper.post(
        NEW, quick_post(kind="collective", participants="6", person=person.pk)
    )
    assert response.status_code == 400
    assert "person" in response.context["form"].errors


def test_someone_of_another_structure_s_register_cannot_be_chosen(client_helper, helper):
    elsewhere = add_person(structure=StructureFactory(), by=helper, first_name="Ana")
    response = client_helper.post(NEW, quick_post(person=elsewhere.pk))
    assert response.status_code == 400 and "person" in response.context["form"].errors


def test_the_register_page_adds_finds_and_pages_people(client_helper, structure, helper):
    response = client_helper.post(
        REGISTER, {"first_name": "Karima", "last_initial": "b", "age_bracket": "40_59"}, follow=True
    )
    assert "Karima B. est dans le registre." in response.content.decode()
    for n in range(30):
        add_person(structure=structure, by=helper, first_name=f"Personne {n:02d}")
    first = client_helper.get(REGISTER)
    assert len(first.context["page"].object_list) == 25 and "Page 1 sur 2" in first.content.decode()
    found = client_helper.get(REGISTER, {"q": "karima"}).context["page"].object_list
    assert [str(p) for p in found] == ["Karima B."]
    assert not client_helper.get(REGISTER, {"q": "zzz"}).context["page"].object_list


def test_likely_duplicates_are_proposed_and_merging_keeps_every_accompaniment(
    client_helper, structure, helper
):
    first = add_person(structure=structure, by=helper, first_name="Ana", last_initial="m",
                       age_bracket="60_69")  # fmt: skip
    second = add_person(structure=structure, by=helper, first_name="ana", last_initial="M",
                        age_bracket="60_69", before=True)  # fmt: skip
    add_person(structure=structure, by=helper, first_name="Ana", age_bracket="60_69")  # no initial
    add_person(structure=structure, by=helper, first_name="Ana", last_initial="M")  # no age
    for person in (first, second):
        visit = AccompanimentFactory(helper=helper, registered_participants=1)
        visit.beneficiaries.set([person])
    assert likely_duplicates(structure) == [[first, second]]
    page = client_helper.get(REGISTER).content.decode()
    assert "Peut-être la même personne" in page
    response = client_helper.post(
        reverse("helpers:register_merge"), {"keep": first.pk, "duplicate": second.pk}, follow=True
    )
    assert "Fusionné" in response.content.decode()
    first.refresh_from_db()
    assert first.accompaniments.count() == 2 and first.accompanied_before
    assert Beneficiary.objects.get(pk=second.pk).merged_into == first
    assert second not in register_of(structure)
    assert likely_duplicates(structure) == []


def test_two_people_of_the_same_workshop_are_not_merged(structure, helper):
    from django.core.exceptions import ValidationError

    one = add_person(structure=structure, by=helper, first_name="Ana")
    other = add_person(structure=structure, by=helper, first_name="Ana")
    workshop = AccompanimentFactory(
        helper=helper, kind="collective", participants=2, registered_participants=2
    )
    workshop.beneficiaries.set([one, other])
    with pytest.raises(ValidationError):
        merge(keep=one, duplicate=other)
    assert workshop.beneficiaries.count() == 2


def test_another_structure_s_entries_cannot_be_merged(client_helper, helper):
    elsewhere = StructureFactory()
    one = add_person(structure=elsewhere, by=helper, first_name="Ana")
    other = add_person(structure=elsewhere, by=helper, first_name="Ana")
    response = client_helper.post(
        reverse("helpers:register_merge"), {"keep": one.pk, "duplicate": other.pk}
    )
    assert response.status_code == 404
    assert Beneficiary.objects.get(pk=other.pk).merged_into is None


@pytest.mark.parametrize("persona", ["learner", "coordinator"])
def test_only_helpers_see_a_register(client, request, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(REGISTER).status_code == 403


def test_erasing_a_learner_keeps_their_register_entry_anonymous(client_helper, helper, structure):
    from accounts.learners import create_learner
    from accounts.privacy import erase_user

    profile, _code = create_learner(helper=helper, first_name="Lina", language="fr", consent=True)
    entry = register_of(structure).get(learner=profile.user)
    client_helper.post(NEW, quick_post(person=entry.pk))
    erase_user(user=profile.user)
    entry.refresh_from_db()
    assert entry.learner is None and entry.first_name == ""
    assert entry.accompaniments.count() == 1  # still one person reached


def test_the_register_page_takes_a_constant_number_of_queries(client_helper, structure, helper):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = []
    for people in (6, 40):  # likely duplicates among them either way
        for n in range(people):
            person = add_person(structure=structure, by=helper, first_name=f"P{n % 3}")
            visit = AccompanimentFactory(helper=helper, registered_participants=1)
            visit.beneficiaries.set([person])
        client_helper.get(REGISTER)  # warm: the account and its rights are cached after this
        with CaptureQueriesContext(connection) as captured:
            assert client_helper.get(REGISTER).status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1]

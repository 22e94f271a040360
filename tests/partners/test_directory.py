import datetime

import pytest
from django.urls import reverse

from partners.models import Partner, Structure
from tests.factories import StructureFactory

pytestmark = pytest.mark.django_db

URL = reverse("partners:directory")


def names(response):
    return [s.name for s in response.context["page"].object_list]


@pytest.fixture
def structures():
    d09 = Partner.objects.get(code="D09")
    StructureFactory(name="Médiathèque Roubaix", postal_code="59100", city="Roubaix")
    StructureFactory(name="EPN Mons", postal_code="7000", city="Mons", country="BE")
    StructureFactory(name="OCMW Gent", postal_code="9000", city="Gent", partner=d09)
    StructureFactory(name="Waiting", status=Structure.Status.PENDING)
    StructureFactory(name="Rejected", status=Structure.Status.REJECTED)
    StructureFactory(name="Not yet affiliated", affiliated_on=None)


def test_the_public_directory_lists_affiliated_approved_structures(client, structures):
    response = client.get(URL)
    assert response.status_code == 200
    assert sorted(names(response)) == ["EPN Mons", "Médiathèque Roubaix", "OCMW Gent"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"q": "59"}, ["Médiathèque Roubaix"]),
        ({"q": "7000"}, ["EPN Mons"]),
        ({"q": "gent"}, ["OCMW Gent"]),
        ({"q": "roubaix médiathèque"}, ["Médiathèque Roubaix"]),
        ({"q": "waiting"}, []),
        ({"partner": "D09"}, ["OCMW Gent"]),
    ],
)
def test_it_searches_by_postal_code_town_name_and_partner(client, structures, query, expected):
    assert names(client.get(URL, query)) == expected


@pytest.mark.parametrize("size", [2, 40])
def test_the_directory_takes_a_constant_number_of_queries(client, django_assert_num_queries, size):
    for index in range(size):
        StructureFactory(affiliated_on=datetime.date(2021, 1, 1), postal_code=f"59{index:03d}")
    # partners for the filter, count, one page of structures with kind and partner
    with django_assert_num_queries(3):
        response = client.get(URL)
    assert len(response.context["page"].object_list) == min(size, 25)

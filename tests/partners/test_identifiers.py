import pytest
from django.core.exceptions import ValidationError

from crosslearn.lib.identifiers import (
    is_valid_enterprise_number,
    is_valid_siret,
    validate_registration_number,
)
from tests.factories import StructureFactory


@pytest.mark.parametrize(
    "number", ["73282932000074", "732 829 320 00074", "35600000000048", "44306184100047"]
)
def test_valid_siret_numbers(number):
    assert is_valid_siret(number)


@pytest.mark.parametrize(
    "number", ["73282932000075", "7328293200007", "7328293200007A", "", "00000000000001"]
)
def test_invalid_siret_numbers(number):
    assert not is_valid_siret(number)


@pytest.mark.parametrize("number", ["0403170701", "0403.170.701", "BE0403170701", "1000000021"])
def test_valid_belgian_enterprise_numbers(number):
    assert is_valid_enterprise_number(number)


@pytest.mark.parametrize("number", ["0403170702", "2403170701", "040317070", "04031707011"])
def test_invalid_belgian_enterprise_numbers(number):
    assert not is_valid_enterprise_number(number)


def test_registration_numbers_are_checked_by_country():
    assert validate_registration_number("FR", "732 829 320 00074") == "73282932000074"
    assert validate_registration_number("BE", "BE 0403.170.701") == "0403170701"
    assert validate_registration_number("BE", "") == ""
    with pytest.raises(ValidationError):
        validate_registration_number("BE", "73282932000074")
    with pytest.raises(ValidationError):
        validate_registration_number("FR", "0403170701")


@pytest.mark.django_db
def test_a_structure_gets_its_zone_flag_and_a_clean_number():
    structure = StructureFactory.build(
        partner_id=None, registration_number="732 829 320 00074", postal_code="59100"
    )
    structure.partner = StructureFactory.build().partner
    structure.full_clean()
    assert structure.in_cross_border_zone is True
    assert structure.registration_number == "73282932000074"
    structure.registration_number = "123"
    with pytest.raises(ValidationError) as error:
        structure.full_clean()
    assert "registration_number" in error.value.message_dict

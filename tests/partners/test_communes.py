"""The commune reference lists: INSEE codes in Hauts-de-France, NIS codes in Belgium, by postal
code. The expected communes were read from the shipped data (partners/data/communes.csv)."""

import csv
import re

import pytest
from django.utils import translation

from partners.communes import (
    COMMUNES_CSV,
    Commune,
    commune,
    communes_for,
    covers,
    is_known,
)

LILLE = Commune("FR", "59350", "Lille", "")
GENT = Commune("BE", "44021", "Gand", "Gent")


def shipped_rows():
    with COMMUNES_CSV.open(encoding="utf-8", newline="") as rows:
        return list(csv.DictReader(rows))


def test_a_french_postal_code_of_one_commune():
    assert communes_for("59000") == [LILLE]
    assert communes_for("59000", "FR") == [LILLE]
    assert commune("FR", "59350") == LILLE


def test_a_french_commune_has_its_french_name_in_every_language():
    for language in ["fr", "nl", "en"]:
        with translation.override(language):
            assert LILLE.name == "Lille"


def test_a_french_postal_code_shared_by_several_communes():
    assert [c.code for c in communes_for("62000")] == ["62041", "62263"]
    assert [c.name for c in communes_for("62000")] == ["Arras", "Dainville"]


def test_communes_are_sorted_by_name_with_accents_among_their_letters():
    names = [c.name for c in communes_for("02000")]
    assert len(names) == 25
    assert names[names.index("Chavignon") + 1] == "Chéry-lès-Pouilly"
    assert names[names.index("Clacy-et-Thierret") + 1] == "Étouvelles"
    assert names[-1] == "Verneuil-sur-Serre"


def test_a_belgian_postal_code_names_its_municipality_in_the_active_language():
    assert communes_for("9000") == [GENT]
    with translation.override("nl"):
        assert [c.name for c in communes_for("9000")] == ["Gent"]
    with translation.override("fr"):
        assert [c.name for c in communes_for("9000")] == ["Gand"]
    with translation.override("en"):
        assert communes_for("9000")[0].name == "Gand"
    assert GENT.name_in("nl") == "Gent"
    assert GENT.name_in("fr") == "Gand"


def test_a_belgian_postal_code_covering_two_municipalities():
    assert [c.code for c in communes_for("1040")] == ["21004", "21005"]
    with translation.override("fr"):
        assert [c.name for c in communes_for("1040")] == ["Bruxelles", "Etterbeek"]
    with translation.override("nl"):
        assert [c.name for c in communes_for("1050")] == ["Brussel", "Elsene"]


def test_an_insee_code_and_a_nis_code_that_are_the_same_number_stay_apart():
    assert commune("FR", "62063") == Commune("FR", "62063", "Avesnes-le-Comte", "")
    assert commune("BE", "62063") == Commune("BE", "62063", "Liège", "Luik")
    assert covers("BE", "4000", "62063")
    assert not covers("FR", "4000", "62063")
    assert covers("FR", "62810", "62063")
    assert not covers("BE", "62810", "62063")


def test_whitespace_around_a_postal_code_is_ignored():
    assert communes_for(" 59000 ") == [LILLE]
    assert is_known("BE", " 9000\n")


@pytest.mark.parametrize(
    "postal_code, country",
    [
        ("75011", None),  # France, but outside the programme's zone
        ("0000", None),  # Belgian form, no such postal code
        ("9000", "FR"),  # a Belgian postal code given as French
        ("59000", "BE"),
        ("5900", "FR"),
        ("590000", None),
        ("59 000", None),
        ("abcd", None),
        ("", None),
        (None, None),
    ],
)
def test_unknown_and_malformed_postal_codes_have_no_commune(postal_code, country):
    assert communes_for(postal_code, country) == []


def test_is_known_says_whether_the_commune_can_be_checked():
    assert is_known("FR", "62000")
    assert is_known("BE", "1040")
    assert not is_known("FR", "75011")
    assert not is_known("BE", "62000")
    assert not is_known("FR", "")


def test_covers_says_whether_the_commune_has_that_postal_code():
    assert covers("FR", "62000", "62263")
    assert covers("FR", "59800", "59350")  # Lille has five postal codes
    assert not covers("FR", "62000", "59350")
    assert covers("BE", "1040", "21005")
    assert not covers("BE", "1050", "21005")


def test_an_unknown_commune_is_none():
    assert commune("FR", "75056") is None  # Paris: outside the zone
    assert commune("BE", "99999") is None
    assert commune("NL", "59350") is None


def test_the_shipped_rows_have_the_form_of_their_country():
    rows = shipped_rows()
    assert list(rows[0]) == ["country", "postal_code", "code", "name_fr", "name_nl"]
    postal_code_form = {"FR": r"\d{5}", "BE": r"\d{4}"}
    for row in rows:
        assert re.fullmatch(r"\d{5}", row["code"]), row
        assert re.fullmatch(postal_code_form[row["country"]], row["postal_code"]), row
        assert row["name_fr"], row
        if row["country"] == "BE":
            assert row["name_nl"], row


def test_the_shipped_rows_are_sorted_without_duplicates():
    keys = [(r["country"], r["postal_code"], r["code"]) for r in shipped_rows()]
    assert keys == sorted(set(keys))


def test_the_french_communes_are_those_of_hauts_de_france():
    french = [r for r in shipped_rows() if r["country"] == "FR"]
    assert {r["code"][:2] for r in french} == {"02", "59", "60", "62", "80"}
    assert all(r["postal_code"][:2] == r["code"][:2] for r in french)


def test_every_belgian_municipality_is_shipped():
    belgian = {r["code"] for r in shipped_rows() if r["country"] == "BE"}
    assert len(belgian) == 565  # the municipalities of Belgium since 2025
    assert {code[0] for code in belgian} == set("123456789")


def test_a_commune_with_several_postal_codes_is_one_commune():
    assert communes_for("59800") == [LILLE]
    assert communes_for("59000")[0] is communes_for("59800")[0]

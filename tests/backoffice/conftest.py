from pathlib import Path

import pytest

from partners.models import Partner
from tests.factories import StructureFactory, make_helper

DATA = Path(__file__).resolve().parent.parent / "data" / "imports"


@pytest.fixture
def structure_a(db):
    """WTC-0001, the structure the import files refer to (partner A, WTC)."""
    return StructureFactory(ref="WTC-0001", name="Centre social Lille-Sud")


@pytest.fixture
def aidant(structure_a):
    """aidant@example.org, the helper the accompaniment files refer to."""
    return make_helper(structure=structure_a, email="aidant@example.org")


@pytest.fixture
def structure_b(db):
    return StructureFactory(
        ref="D09-0001", name="Bibliotheek De Krook", partner=Partner.objects.get(code="D09")
    )

from pathlib import Path

import pytest

from courses.loading import load_content
from courses.models import Course

DATA = Path(__file__).resolve().parent.parent / "data" / "courses"


@pytest.fixture
def content(db):
    """Four small courses (every exercise type) and a 20-question positioning test."""
    load_content(DATA)
    return {c.slug: c for c in Course.objects.all()}


@pytest.fixture
def course(content):
    return content["send-an-email"]

import pytest

from accounts.models import SentNotice
from accounts.services import claim_notice


@pytest.mark.django_db
def test_a_notice_is_claimed_once_per_person_and_subject(learner, helper):
    assert claim_notice(kind="reminder", recipient=learner, key=7) is True
    assert claim_notice(kind="reminder", recipient=learner, key=7) is False
    assert claim_notice(kind="reminder", recipient=helper, key=7) is True
    assert claim_notice(kind="reminder", recipient=learner, key=8) is True
    assert SentNotice.objects.count() == 3

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from courses.services import claim_session_progress


@receiver(user_logged_in, dispatch_uid="courses_claim_session_progress")
def move_anonymous_progress(sender, request, user, **kwargs):
    """Learning done before logging in is kept: the session's progress moves to the account."""
    if request is not None and hasattr(request, "session"):
        claim_session_progress(user=user, session=request.session)

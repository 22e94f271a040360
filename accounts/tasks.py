from celery import shared_task


@shared_task
def purge_inactive_learners():
    """Daily: erase accounts past their retention period (each app's rules, accounts.privacy)."""
    from accounts.privacy import apply_retention

    return apply_retention()


@shared_task
def clear_expired_sessions():
    from django.contrib.sessions.models import Session
    from django.utils import timezone

    deleted, _ = Session.objects.filter(expire_date__lt=timezone.now()).delete()
    return deleted

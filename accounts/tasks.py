from celery import shared_task


@shared_task
def purge_inactive_learners():
    """Daily: erase accounts past their retention period (each app's rules, accounts.privacy)."""
    from accounts.privacy import apply_retention

    return apply_retention()

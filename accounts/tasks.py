from celery import shared_task


@shared_task
def purge_inactive_learners():
    """Daily: erase learner accounts past the retention period (their helper is told)."""
    from helpers.services.privacy import purge_inactive_learners as purge

    return purge()


@shared_task
def send_weekly_digests():
    """Weekly: tell helpers about inactive learners; once per ISO week and person."""
    from helpers.services.privacy import send_weekly_digests as send

    return send()

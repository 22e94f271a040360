from celery import shared_task


@shared_task
def send_weekly_digests():
    """Weekly: tell helpers about inactive learners; once per ISO week and person."""
    from helpers.services.digest import send_weekly_digests as send

    return send()

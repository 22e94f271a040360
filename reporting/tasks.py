from celery import shared_task

from reporting import freshness, services


@shared_task
def roll_up_platform_sessions():
    """Nightly: turn yesterday's raw page views into daily session counts per region."""
    return services.roll_up_platform_sessions()


@shared_task
def take_snapshots():
    """Nightly: a statistics snapshot per semester; a frozen one when a semester has closed."""
    return services.take_all_snapshots()


@shared_task
def compact_figure_changes():
    """Nightly: keep the table behind the figures' version small (the version is unchanged)."""
    return freshness.compact_changes()

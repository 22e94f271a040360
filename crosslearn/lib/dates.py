import datetime


def add_months(day, months):
    """The same day ``months`` later, clamped to the month's end (31 Jan + 1 → 28/29 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=candidate)
        except ValueError:
            continue
    raise ValueError(day)


def semester_bounds(start, end):
    """Consecutive six-month periods from ``start``, the last one cut at ``end`` (inclusive)."""
    bounds = []
    current = start
    while current <= end:
        following = add_months(start, 6 * (len(bounds) + 1))
        bounds.append((current, min(following - datetime.timedelta(days=1), end)))
        current = following
    return bounds

"""English as in Britain and Europe: day before month, 24-hour clock (2 December 2026, 14:30)."""

from django.conf.locale.en_GB.formats import *  # noqa: F403 (input formats, first day of week)

DATE_FORMAT = "j F Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j F Y, H:i"
MONTH_DAY_FORMAT = "j F"
SHORT_DATE_FORMAT = "d/m/Y"
SHORT_DATETIME_FORMAT = "d/m/Y H:i"

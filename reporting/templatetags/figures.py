"""Figures as the reader's language writes them: 22 500 (fr), 22.500 (nl), 22,500 (en).

Always grouped, whatever ``USE_THOUSAND_SEPARATOR`` says and even inside ``{% localize off %}``
(the charts' geometry): these are numbers people read, never numbers a machine parses.
"""

from decimal import Decimal

from django import template
from django.utils.formats import number_format
from django.utils.translation import pgettext

register = template.Library()


@register.filter
def figure(value):
    """An integer with the language's thousands separator; "–" for no value."""
    if value is None or value == "":
        return "–"
    return number_format(value, decimal_pos=0, use_l10n=True, force_grouping=True)


@register.filter
def percent(value):
    """A percentage with one decimal, the language's decimal mark and % sign; "–" for none."""
    if value is None or value == "":
        return "–"
    number = number_format(Decimal(value), decimal_pos=1, use_l10n=True, force_grouping=True)
    # Translators: a percentage; French puts a no-break space before the sign.
    return pgettext("percentage", "%(number)s%%") % {"number": number}


@register.filter
def signed_figure(value):
    """A correction: +1 234 or −56 (grouped); "–" for none or zero."""
    if not value:
        return "–"
    text = figure(abs(value))
    return f"+{text}" if value > 0 else f"−{text}"

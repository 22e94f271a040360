"""Checksums of French SIRET and Belgian enterprise (BCE/KBO) numbers."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


def digits_only(value):
    return "".join(ch for ch in str(value or "") if not ch.isspace() and ch not in ".-")


def luhn_ok(number):
    total = 0
    for index, char in enumerate(reversed(number)):
        digit = int(char)
        if index % 2:
            digit *= 2
            if digit > 9:
                digit -= 9
        total += digit
    return total % 10 == 0


def is_valid_siret(value):
    number = digits_only(value)
    return len(number) == 14 and number.isdigit() and luhn_ok(number)


def is_valid_enterprise_number(value):
    """BCE/KBO: 10 digits starting 0 or 1; the last two = 97 − (first eight mod 97)."""
    number = digits_only(value).upper().removeprefix("BE")
    if len(number) != 10 or not number.isdigit() or number[0] not in "01":
        return False
    return int(number[8:]) == 97 - int(number[:8]) % 97


def validate_registration_number(country, value):
    """Raise ValidationError unless ``value`` is a valid number for ``country`` (blank is fine)."""
    if not value:
        return ""
    number = digits_only(value).upper().removeprefix("BE")
    if country == "FR" and not is_valid_siret(number):
        raise ValidationError(
            _("This is not a valid SIRET number (14 digits with a valid checksum)."),
            code="invalid_siret",
        )
    if country == "BE" and not is_valid_enterprise_number(number):
        raise ValidationError(
            _("This is not a valid Belgian enterprise number (10 digits, starting with 0 or 1)."),
            code="invalid_enterprise_number",
        )
    return number

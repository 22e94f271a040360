"""Log in with a card: a username and a numeric code handed out by a helper.

Attempts are counted before the code is checked (``accounts.throttle``): per card and client
address, per card from anywhere, and per address over all cards. Behind the TLS proxy the
client address is the one the proxy forwards (``TRUSTED_PROXY_COUNT``), so one bad visitor
locks out only themselves, never everyone behind the proxy.

Why guessing a code is hopeless: codes have 8 digits (10^8 = 100,000,000 possibilities). A card
accepts at most 30 attempts a day from all addresses together
(``CARD_LOGIN_ATTEMPTS_PER_CARD_PER_DAY``), that is 30 × 365 = 10,950 a
year, so an attacker trying without pause for a whole year finds a given learner's code with a
probability of 10,950 / 10^8 ≈ 0.011 % (about 1 in 9,000). The helper can also give a new code
at any time, which makes every earlier guess worthless.
"""

from django import forms
from django.conf import settings
from django.contrib.auth import login
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from accounts import throttle
from accounts.models import LearnerProfile, User
from accounts.throttle import Limit, client_address


class CardLoginForm(forms.Form):
    username = forms.CharField(
        label=_("Username on your card"),
        max_length=40,
        widget=forms.TextInput(
            attrs={"autocomplete": "username", "autocapitalize": "none", "spellcheck": "false"}
        ),
    )
    code = forms.CharField(
        label=_("Code on your card"),
        max_length=20,
        widget=forms.PasswordInput(
            attrs={"autocomplete": "current-password", "inputmode": "numeric"}
        ),
    )


def _checks(request, username):
    """The card's counters first (forgiven on success), then the address's."""
    address = client_address(request)
    window = settings.CARD_LOGIN_WINDOW_SECONDS
    return [
        (
            Limit("card:card+address", settings.CARD_LOGIN_FAILURES_PER_USERNAME, window),
            (username, address),
        ),
        (Limit("card:card", settings.CARD_LOGIN_ATTEMPTS_PER_CARD_PER_DAY, 86400), (username,)),
        (Limit("card:address", settings.CARD_LOGIN_FAILURES_PER_IP, window), (address,)),
    ]


def authenticate_card(username, code):
    profile = (
        LearnerProfile.objects.select_related("user")
        .filter(card_username=username, user__is_active=True)
        .first()
    )
    if profile is None:
        # Hash the code anyway: an unknown card takes as long to refuse as a wrong code.
        User().set_password(code)
        return None
    return profile.user if profile.user.check_password(code) else None


@require_http_methods(["GET", "POST"])
def card_login(request):
    from accounts.learners import touch_learner

    initial = {"username": request.GET.get("username", "")[:40]}
    form = CardLoginForm(request.POST if request.method == "POST" else None, initial=initial)
    status = 200
    if request.method == "POST" and form.is_valid():
        username = form.cleaned_data["username"].strip().lower()
        checks = _checks(request, username)
        if not throttle.allowed(checks):
            form.add_error(
                None,
                _("Too many attempts. Wait a little, or ask your digital helper for a new card."),
            )
            status = 429
        else:
            user = authenticate_card(username, form.cleaned_data["code"].replace(" ", ""))
            if user is None:
                form.add_error(None, _("The username or the code is not right. Check your card."))
                status = 400
            else:
                for limit, parts in checks[:2]:  # the card's own counters: not a guess
                    throttle.forgive(limit, *parts)
                login(request, user, backend="accounts.backends.CachedModelBackend")
                touch_learner(user)
                return redirect("accounts:space")
    elif request.method == "POST":
        status = 400
    return render(request, "accounts/card_login.html", {"form": form}, status=status)

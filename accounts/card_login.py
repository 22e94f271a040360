"""Log in with a card: a username and a short code handed out by a helper.

Failed attempts are counted in the cache per username and per address, like allauth's
``login_failed`` limit, so the short code cannot be guessed.
"""

from django import forms
from django.conf import settings
from django.contrib.auth import login
from django.core.cache import cache
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from accounts.models import LearnerProfile


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


def _keys(request, username):
    address = request.META.get("REMOTE_ADDR", "")
    return f"card-login:user:{username}", f"card-login:ip:{address}"


def _blocked(request, username):
    user_key, ip_key = _keys(request, username)
    return (cache.get(user_key, 0) >= settings.CARD_LOGIN_FAILURES_PER_USERNAME) or (
        cache.get(ip_key, 0) >= settings.CARD_LOGIN_FAILURES_PER_IP
    )


def _count_failure(request, username):
    for key in _keys(request, username):
        cache.add(key, 0, settings.CARD_LOGIN_WINDOW_SECONDS)
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, settings.CARD_LOGIN_WINDOW_SECONDS)


def authenticate_card(username, code):
    profile = (
        LearnerProfile.objects.select_related("user")
        .filter(card_username=username, user__is_active=True)
        .first()
    )
    if profile is None:
        return None
    return profile.user if profile.user.check_password(code) else None


@require_http_methods(["GET", "POST"])
def card_login(request):
    from helpers.services.learners import touch_learner

    initial = {"username": request.GET.get("username", "")[:40]}
    form = CardLoginForm(request.POST if request.method == "POST" else None, initial=initial)
    status = 200
    if request.method == "POST" and form.is_valid():
        username = form.cleaned_data["username"].strip().lower()
        if _blocked(request, username):
            form.add_error(
                None,
                _("Too many attempts. Wait 5 minutes, or ask your digital helper for a new card."),
            )
            status = 429
        else:
            user = authenticate_card(username, form.cleaned_data["code"].strip())
            if user is None:
                _count_failure(request, username)
                form.add_error(None, _("The username or the code is not right. Check your card."))
                status = 400
            else:
                login(request, user, backend="accounts.backends.CachedModelBackend")
                cache.delete(_keys(request, username)[0])
                touch_learner(user)
                return redirect("accounts:space")
    elif request.method == "POST":
        status = 400
    return render(request, "accounts/card_login.html", {"form": form}, status=status)

from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django import forms
from django.conf import settings
from django.contrib.sites.shortcuts import get_current_site
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.translation import gettext as _

from accounts import throttle
from accounts.models import User
from accounts.services import assign_role
from crosslearn.lib.addresses import mixes_scripts
from crosslearn.lib.emails import enqueue, render


def _comes_to_help(request):
    """Whether the sign-up was asked for from the helper form (its ``next``), so that the
    intent survives the e-mail confirmation, whichever browser opens the link."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    try:
        match = resolve(urlsplit(target).path)
    except Resolver404:
        return False
    return match.view_name == "helpers:join"


def _login_checks(request, email):
    """Failed-login counters: the account from this address, the account, the address."""
    address = throttle.client_address(request)
    email = (email or "").strip().lower()
    return [
        (
            throttle.Limit(
                "login:account+address",
                settings.LOGIN_FAILURES_PER_ACCOUNT_AND_ADDRESS,
                settings.LOGIN_WINDOW_SECONDS,
            ),
            (email, address),
        ),
        (
            throttle.Limit("login:account", settings.LOGIN_FAILURES_PER_ACCOUNT_PER_HOUR, 3600),
            (email,),
        ),
        (
            throttle.Limit("login:address", settings.LOGIN_FAILURES_PER_ADDRESS_PER_HOUR, 3600),
            (address,),
        ),
    ]


class AccountAdapter(DefaultAccountAdapter):
    def clean_email(self, email):
        email = super().clean_email(email)
        if mixes_scripts(email):
            raise forms.ValidationError(
                _(
                    "This address mixes letters of different alphabets in its domain, as "
                    "look-alike addresses do. Type the address with ordinary letters."
                )
            )
        return email

    def pre_authenticate(self, request, **credentials):
        # Counted before the password is checked, atomically, in the database that every
        # process shares (accounts.throttle); allauth's own per-process count is off.
        checks = _login_checks(request, credentials.get("email"))
        if not throttle.allowed(checks):
            raise self.validation_error("too_many_login_attempts")

    def authenticate(self, request, **credentials):
        user = super().authenticate(request, **credentials)
        if user is not None:  # a successful login is not a guess: give the account's back
            for limit, parts in _login_checks(request, credentials.get("email"))[:2]:
                throttle.forgive(limit, *parts)
        return user

    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=False)
        user.language = translation.get_language() or "fr"
        user.helper_intent = _comes_to_help(request)
        user.save()
        # People who sign up on their own are learners; helpers and staff get their role
        # from the helper sign-up or from a coordinator.
        assign_role(user=user, role=User.Role.LEARNER)
        return user

    def send_mail(self, template_prefix, email, context):
        # Rendered now, in the language of the page the person is using; sent by Celery.
        request = allauth_context.request
        ctx = {"request": request, "email": email, "current_site": get_current_site(request)}
        ctx.update(context)
        enqueue(self.render_mail(template_prefix, email, ctx))

    def confirm_email(self, request, email_address):
        confirmed = super().confirm_email(request, email_address)
        if confirmed and email_address.primary:
            send_welcome_email(email_address.user)
        return confirmed


def send_welcome_email(user):
    """A short welcome in the person's language once their address is confirmed."""
    context = {"user": user, "site_url": settings.SITE_URL}
    enqueue(render("emails/welcome", to=[user.email], context=context, language=user.language))

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.conf import settings
from django.contrib.sites.shortcuts import get_current_site
from django.utils import translation

from accounts.models import User
from accounts.services import assign_role
from crosslearn.lib.emails import enqueue, render


class AccountAdapter(DefaultAccountAdapter):
    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=False)
        user.language = translation.get_language() or "fr"
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

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _


class StaffSecondFactorMiddleware:
    """Staff must activate an authenticator app (TOTP) before they reach the admin."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not settings.STAFF_MFA_REQUIRED:
            return None
        match = request.resolver_match
        user = request.user
        if not (match and match.app_name == "admin" and user.is_authenticated and user.is_staff):
            return None
        if Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
            return None
        messages.info(
            request,
            _("Staff accounts need a second factor. Set up an authenticator app to continue."),
        )
        return redirect("mfa_activate_totp")

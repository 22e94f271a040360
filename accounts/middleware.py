from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from accounts.backends import has_second_factor
from accounts.roles import is_staff_role

# What a staff member without a second factor may still open: setting one up, and leaving.
SETUP_PAGES = {
    "account_logout",
    "account_reauthenticate",
    "account_request_reauthentication_code",
    "account_confirm_reauthentication_code",
}


class StaffSecondFactorMiddleware:
    """Staff reach other people's data: every page asks them for an authenticator app (TOTP)
    first, not only the admin (operators reset learners' cards and take attendance on the
    site, coordinators download reports)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if not (settings.STAFF_MFA_REQUIRED and user.is_authenticated and is_staff_role(user)):
            return None
        match = request.resolver_match
        name = match.url_name if match and not match.namespace else None
        if name and (name in SETUP_PAGES or name.startswith("mfa_")):
            return None
        if has_second_factor(user):
            return None
        messages.info(
            request,
            _("Staff accounts need a second factor. Set up an authenticator app to continue."),
        )
        return redirect("mfa_activate_totp")

"""Self-service privacy: download my data (JSON) and erase my account."""

import json

from django import forms
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from accounts.roles import is_staff_role


class EraseForm(forms.Form):
    confirm = forms.BooleanField(
        label=gettext_lazy("I understand: my account and my personal data will be deleted."),
        error_messages={"required": gettext_lazy("Tick the box to confirm.")},
    )


@login_required
@require_http_methods(["GET", "POST"])
def my_data(request):
    # Staff accounts hold rights over a partner's network: a coordinator closes them.
    can_erase = not is_staff_role(request.user)
    form = EraseForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if not can_erase:
            raise PermissionDenied
        from accounts.privacy import erase_user

        if form.is_valid():
            user = request.user
            logout(request)
            erase_user(user=user)
            messages.success(request, _("Your account and your personal data were deleted."))
            return redirect("home")
    status = 400 if form.errors else 200
    context = {"form": form, "can_erase": can_erase}
    return render(request, "accounts/my_data.html", context, status=status)


@never_cache  # personal data: no copy in any browser or proxy cache
@login_required
def download_my_data(request):
    from accounts.privacy import personal_data

    content = json.dumps(personal_data(request.user), indent=2, ensure_ascii=False)
    response = HttpResponse(content, content_type="application/json; charset=utf-8")
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="my-data-{stamp}.json"'
    return response

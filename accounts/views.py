from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect


@login_required
def space(request):
    """Send each person to the space their permissions open, most specific first."""
    user = request.user
    if user.has_perm("accounts.view_programme_reports"):
        return redirect("reporting:dashboard")
    if user.has_perm("accounts.operate_partner"):
        return redirect("admin:index")
    if user.has_perm("accounts.use_helper_space"):
        return redirect("helpers:dashboard")
    if user.helper_intent:  # the sign-up started from "Become a digital helper"
        return redirect("helpers:join")
    if user.has_perm("accounts.use_learner_space"):
        return redirect("courses:my_learning")
    return redirect("home")

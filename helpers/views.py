from django.contrib.auth.decorators import login_required, permission_required
from django.shortcuts import render


@login_required
@permission_required("accounts.use_helper_space", raise_exception=True)
def dashboard(request):
    return render(request, "helpers/dashboard.html")

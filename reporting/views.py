from django.contrib.auth.decorators import login_required, permission_required
from django.shortcuts import render

from reporting.models import Programme


@login_required
@permission_required("accounts.view_partner_reports", raise_exception=True)
def dashboard(request):
    programmes = Programme.objects.prefetch_related("semesters", "targets__partner")
    return render(request, "reporting/dashboard.html", {"programmes": programmes})

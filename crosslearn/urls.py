from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from courses.views.home import home
from crosslearn.lib.health import health

# The admin logs in through allauth, so it gets rate limiting and the second factor.
admin.site.login = secure_admin_login(admin.site.login)
admin.site.site_header = _("Cross§Le@rn administration")
admin.site.site_title = _("Cross§Le@rn")
admin.site.index_title = _("Network back-office")

urlpatterns = [
    path("healthz", health, name="health"),
]

urlpatterns += i18n_patterns(
    path("", home, name="home"),
    path("admin/", admin.site.urls),
    path("accounts/", include("allauth.urls")),
    path("me/", include("accounts.urls")),
    path("learn/", include("courses.urls")),
    path("helper/", include("helpers.urls")),
    path("structures/", include("partners.urls")),
    path("reports/", include("reporting.urls")),
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

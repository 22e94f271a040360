from django.urls import path

from reporting import views

app_name = "reporting"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("<slug:slug>/report.<str:fmt>", views.download, name="download"),
    path("open-data/<slug:slug>.json", views.open_data, name="open_data"),
]

from django.urls import path

from accounts import card_login, privacy_views, views

app_name = "accounts"
urlpatterns = [
    path("", views.space, name="space"),
    path("card/", card_login.card_login, name="card_login"),
    path("data/", privacy_views.my_data, name="my_data"),
    path("data/download/", privacy_views.download_my_data, name="download_my_data"),
]

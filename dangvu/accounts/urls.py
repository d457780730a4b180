from django.urls import path

from dangvu.web import kind_urls, record_urls

from . import setup_views, views

urlpatterns = [
    *kind_urls(views, "account", "tai-khoan/", "list", "create"),
    *record_urls(
        views,
        "account",
        "tai-khoan/<int:user_id>/",
        "detail",
        ("khoa/", "deactivate"),
        ("mo-khoa/", "reactivate"),
        ("mat-khau-moi/", "reset_password"),
    ),
    path("doi-mat-khau/", views.password_change, name="password_change"),
    path("bat-dau/", setup_views.setup, name="setup"),
]

from django.urls import path

from . import setup_views, views

urlpatterns = [
    path("tai-khoan/", views.account_list, name="account_list"),
    path("tai-khoan/them/", views.account_create, name="account_create"),
    path("tai-khoan/<int:user_id>/", views.account_detail, name="account_detail"),
    path("tai-khoan/<int:user_id>/khoa/", views.account_deactivate, name="account_deactivate"),
    path("tai-khoan/<int:user_id>/mo-khoa/", views.account_reactivate, name="account_reactivate"),
    path(
        "tai-khoan/<int:user_id>/mat-khau-moi/",
        views.account_reset_password,
        name="account_reset_password",
    ),
    path("doi-mat-khau/", views.password_change, name="password_change"),
    path("bat-dau/", setup_views.setup, name="setup"),
]

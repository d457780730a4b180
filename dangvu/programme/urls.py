from django.urls import path

from . import views

urlpatterns = [
    path("chuong-trinh-cong-tac/", views.programme_list, name="work_programme_list"),
    path("chuong-trinh-cong-tac/them/", views.programme_create, name="work_programme_create"),
    path(
        "chuong-trinh-cong-tac/<int:programme_id>/",
        views.programme_detail,
        name="work_programme_detail",
    ),
    path(
        "chuong-trinh-cong-tac/<int:programme_id>/them-muc/",
        views.programme_item_create,
        name="work_programme_item_create",
    ),
    path(
        "chuong-trinh-cong-tac/<int:programme_id>/chuyen-nam-sau/",
        views.programme_carry_over,
        name="work_programme_carry_over",
    ),
    path(
        "chuong-trinh-cong-tac/muc/<int:item_id>/",
        views.programme_item_edit,
        name="work_programme_item_edit",
    ),
    path("chi-so/", views.indicator_list, name="indicator_list"),
    path("chi-so/them/", views.indicator_create, name="indicator_create"),
]

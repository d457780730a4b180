from django.urls import path

from . import views

urlpatterns = [
    path("kiem-tra/", views.inspection_list, name="inspection_list"),
    path("kiem-tra/them/", views.inspection_create, name="inspection_create"),
    path(
        "kiem-tra/<int:inspection_id>/ket-luan/",
        views.inspection_conclude,
        name="inspection_conclude",
    ),
    path("tham-tra-ly-lich/", views.verification_list, name="verification_list"),
    path("tham-tra-ly-lich/them/", views.verification_create, name="verification_create"),
    path("cham-diem/", views.score_list, name="score_list"),
    path("cham-diem/them/", views.score_create, name="score_create"),
]

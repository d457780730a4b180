from django.urls import path

from . import views

urlpatterns = [
    path("xep-loai/", views.evaluation_list, name="evaluation_list"),
    path("xep-loai/them/", views.evaluation_create, name="evaluation_create"),
    path("ren-luyen/", views.review_page, name="review_page"),
    path("ren-luyen/suy-thoai/them/", views.degradation_create, name="degradation_create"),
    path("ren-luyen/cam-ket/them/", views.pledge_create, name="pledge_create"),
    path("ren-luyen/hoc-tap-lam-theo-bac/them/", views.study_plan_create, name="study_plan_create"),
    path("ren-luyen/khuyet-diem/them/", views.shortcoming_create, name="shortcoming_create"),
    path(
        "ren-luyen/khuyet-diem/<int:shortcoming_id>/khac-phuc/",
        views.shortcoming_remedy,
        name="shortcoming_remedy",
    ),
]

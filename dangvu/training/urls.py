from django.urls import path

from . import views

urlpatterns = [
    path("dao-tao/", views.enrolment_list, name="enrolment_list"),
    path("dao-tao/them/", views.enrolment_create, name="enrolment_create"),
    path(
        "dao-tao/<int:enrolment_id>/hoan-thanh/",
        views.enrolment_complete,
        name="enrolment_complete",
    ),
]

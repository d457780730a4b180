from django.urls import path

from . import views

urlpatterns = [
    path("ca-nhan/", views.people_list, name="people_list"),
    path("ca-nhan/them/", views.person_create, name="person_create"),
    path("ca-nhan/<int:person_id>/", views.person_detail, name="person_detail"),
    path("ca-nhan/<int:person_id>/sua/", views.person_edit, name="person_edit"),
    path("ca-nhan/<int:person_id>/lich-su/", views.person_history, name="person_history"),
    path(
        "ca-nhan/<int:person_id>/thao-tac/<slug:action>/", views.person_action, name="person_action"
    ),
]

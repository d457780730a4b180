from django.urls import path

from . import views

urlpatterns = [
    path("to-chuc/", views.org_tree, name="org_tree"),
    path("to-chuc/<slug:slug>/", views.org_detail, name="org_detail"),
    path("to-chuc/<slug:slug>/them/", views.org_create, name="org_create"),
    path("to-chuc/<slug:slug>/doi-ten/", views.org_rename, name="org_rename"),
    path("to-chuc/<slug:slug>/giai-the/", views.org_dissolve, name="org_dissolve"),
    path("to-chuc/<slug:slug>/sap-nhap/", views.org_merge, name="org_merge"),
    path("to-chuc/<slug:slug>/thong-ke/", views.org_stats, name="org_stats"),
    path("to-chuc/<slug:slug>/loai-hinh/", views.org_type, name="org_type"),
    path("to-chuc/<slug:slug>/so-lieu-dac-diem/", views.org_profile, name="org_profile"),
    path("to-chuc/<slug:slug>/nhiem-ky/", views.org_terms, name="org_terms"),
    path("to-chuc/<slug:slug>/chuc-vu/", views.org_seat, name="org_seat"),
    path("to-chuc/<slug:slug>/chuyen-cap-tren/", views.org_move, name="org_move"),
    path("to-chuc/<slug:slug>/xoa/", views.org_delete, name="org_delete"),
    path("to-chuc/<slug:slug>/lich-su/", views.org_history, name="org_history"),
    path("to-chuc/<slug:slug>/thong-ke/<str:fact>/", views.org_figure, name="org_figure"),
]

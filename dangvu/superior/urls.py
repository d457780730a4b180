from django.urls import path

from . import views

urlpatterns = [
    path("cap-tren/", views.superior_home, name="superior_home"),
    path("cap-tren/<slug:slug>/so-lieu/", views.consolidated, name="superior_consolidated"),
    path(
        "cap-tren/<slug:slug>/so-lieu/tai/<str:fmt>/",
        views.consolidated_download,
        name="superior_consolidated_download",
    ),
    path("cap-tren/<slug:slug>/bieu-thong-ke/", views.stat_forms, name="superior_forms"),
    path(
        "cap-tren/<slug:slug>/bieu-thong-ke/tai/",
        views.stat_forms_download,
        name="superior_forms_download",
    ),
    path(
        "cap-tren/<slug:slug>/bieu-thong-ke/<str:sheet>/<str:row>/",
        views.stat_forms_records,
        name="superior_forms_records",
    ),
    path(
        "cap-tren/<slug:slug>/bao-cao-gui/<int:year>/",
        views.submissions,
        name="superior_submissions",
    ),
    path(
        "cap-tren/<slug:slug>/bao-cao-gui/<int:year>/nhac/<str:fmt>/",
        views.reminders_download,
        name="superior_reminders",
    ),
    path(
        "cap-tren/<slug:slug>/bao-cao-gui/<int:year>/han/",
        views.deadline_edit,
        name="superior_deadline",
    ),
    path(
        "cap-tren/<slug:slug>/bao-cao-tong-hop/<int:year>/",
        views.report_job,
        name="superior_report_job",
    ),
    path("cap-tren/<slug:slug>/tinh-lai/", views.recompute, name="superior_recompute"),
    path("cap-tren/gui/<int:draft_id>/", views.send, name="superior_send"),
]

from django.urls import path

from . import views

urlpatterns = [
    path("hoat-dong/", views.activity_list, name="activity_list"),
    path("hoat-dong/lich/", views.activity_calendar, name="activity_calendar"),
    path("hoat-dong/them/", views.activity_create, name="activity_create"),
    path("hoat-dong/sinh-hoat-chi-bo/", views.meeting_record, name="meeting_record"),
    path("hoat-dong/<int:activity_id>/", views.activity_detail, name="activity_detail"),
    path("hoat-dong/<int:activity_id>/sua/", views.activity_edit, name="activity_edit"),
    path("hoat-dong/<int:activity_id>/xoa/", views.activity_delete, name="activity_delete"),
    path(
        "hoat-dong/<int:activity_id>/diem-danh/",
        views.activity_attendance,
        name="activity_attendance",
    ),
    path("sinh-hoat/", views.meeting_home, name="meeting_home"),
    path("sinh-hoat/ke-hoach/", views.meeting_plan, name="meeting_plan"),
    path("sinh-hoat/tong-hop/", views.meeting_overview, name="meeting_overview"),
    path("sinh-hoat/<int:activity_id>/", views.meeting_page, name="meeting_page"),
    path("sinh-hoat/<int:activity_id>/tai-lieu/", views.meeting_document, name="meeting_document"),
    path("sinh-hoat/<int:activity_id>/ket-luan/", views.meeting_conclude, name="meeting_conclude"),
    path("sinh-hoat/<int:activity_id>/giay-to/", views.meeting_paper, name="meeting_paper"),
    path(
        "sinh-hoat/<int:activity_id>/giay-to/sua/",
        views.meeting_paper_edit,
        name="meeting_paper_edit",
    ),  # fmt: skip
    path("sinh-hoat/nhiem-vu/<int:task_id>/", views.meeting_task, name="meeting_task"),
    path("to-chuc/<slug:slug>/ky-hieu/", views.org_symbol, name="org_symbol"),
]

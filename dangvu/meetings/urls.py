from django.urls import path

from dangvu.web import kind_urls, record_urls

from . import views

urlpatterns = [
    *kind_urls(views, "activity", "hoat-dong/", "list", ("lich/", "calendar"), "create"),
    path("hoat-dong/sinh-hoat-chi-bo/", views.meeting_record, name="meeting_record"),
    *record_urls(
        views,
        "activity",
        "hoat-dong/<int:activity_id>/",
        "detail",
        "edit",
        "delete",
        ("diem-danh/", "attendance"),
    ),
    *kind_urls(
        views,
        "meeting",
        "sinh-hoat/",
        ("", "home"),
        ("ke-hoach/", "plan"),
        ("tong-hop/", "overview"),
    ),
    *record_urls(
        views,
        "meeting",
        "sinh-hoat/<int:activity_id>/",
        ("", "page"),
        ("tai-lieu/", "document"),
        ("ket-luan/", "conclude"),
        ("giay-to/", "paper"),
        ("giay-to/sua/", "paper_edit"),
    ),
    path("sinh-hoat/nhiem-vu/<int:task_id>/", views.meeting_task, name="meeting_task"),
    path("to-chuc/<slug:slug>/ky-hieu/", views.org_symbol, name="org_symbol"),
]

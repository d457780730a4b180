from django.urls import path

from . import excel_views

urlpatterns = [
    path("ca-nhan/xuat.xlsx", excel_views.people_export, name="people_export"),
    path("ca-nhan/nhap/", excel_views.people_import, name="people_import"),
    path("ca-nhan/nhap/xem-truoc/", excel_views.import_preview, name="people_import_preview"),
    path("ca-nhan/nhap/ghi/", excel_views.people_import_commit, name="people_import_commit"),
    path(
        "ca-nhan/nhap/mau.xlsx", excel_views.people_import_template, name="people_import_template"
    ),
]

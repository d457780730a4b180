from django.urls import path

from . import views

urlpatterns = [
    path("van-ban/", views.document_list, name="document_list"),
    path("van-ban/xuat.<str:fmt>", views.document_export, name="document_export"),
    path("van-ban/them/", views.document_create, name="document_create"),
    path("van-ban/lay-so/", views.document_number, name="document_number"),
    path("van-ban/nhap-trich-dan/", views.document_import, name="document_import"),
    path("van-ban/<int:document_id>/", views.document_detail, name="document_detail"),
    path("van-ban/<int:document_id>/sua/", views.document_edit, name="document_edit"),
    path("van-ban/<int:document_id>/tep/", views.document_file, name="document_file"),
]

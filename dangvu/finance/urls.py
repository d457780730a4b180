from django.urls import path

from . import views

urlpatterns = [
    path("dang-phi/", views.fee_home, name="fee_home"),
    path("dang-phi/cua-toi/", views.fee_mine, name="fee_mine"),
    path("dang-phi/quy-dinh/", views.fee_rules, name="fee_rules"),
    path("dang-phi/dang-vien/<int:person_id>/", views.fee_member, name="fee_member"),
    path("dang-phi/dang-vien/<int:person_id>/luong/", views.fee_base_add, name="fee_base_add"),
    path("dang-phi/dang-vien/<int:person_id>/ly-do/", views.fee_reason_add, name="fee_reason_add"),
    path(
        "dang-phi/khoan-nop/<int:payment_id>/sua/", views.fee_payment_edit, name="fee_payment_edit"
    ),
    path(
        "dang-phi/khoan-nop/<int:payment_id>/dao/",
        views.fee_payment_reverse,
        name="fee_payment_reverse",
    ),
    path("dang-phi/but-toan/<int:entry_id>/sua/", views.fee_entry_edit, name="fee_entry_edit"),
    path(
        "dang-phi/but-toan/<int:entry_id>/dao/", views.fee_entry_reverse, name="fee_entry_reverse"
    ),
    path("dang-phi/to-chuc/<slug:slug>/nop/", views.fee_payment_add, name="fee_payment_add"),
    path("dang-phi/to-chuc/<slug:slug>/quy-dinh/", views.fee_setting_add, name="fee_setting_add"),
    path("dang-phi/to-chuc/<slug:slug>/so-thu-nop/<int:year>/", views.fee_book, name="fee_book"),
    path(
        "dang-phi/to-chuc/<slug:slug>/so-thu-nop/<int:year>/xlsx/",
        views.fee_sheet,
        name="fee_sheet",
    ),
    path("dang-phi/to-chuc/<slug:slug>/so-quy/<int:year>/", views.fee_ledger, name="fee_ledger"),
    path(
        "dang-phi/to-chuc/<slug:slug>/so-quy/<int:year>/ghi/",
        views.fee_entry_add,
        name="fee_entry_add",
    ),
    path(
        "dang-phi/to-chuc/<slug:slug>/so-quy/<int:year>/khoa-so/",
        views.fee_close,
        name="fee_close",
    ),
]

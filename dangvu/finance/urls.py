from dangvu.web import kind_urls, record_urls

from . import views

# Every page of party fees is a view `fee_<page>`.
BOOK = "dang-phi/to-chuc/<slug:slug>/so-thu-nop/<int:year>/"
LEDGER = "dang-phi/to-chuc/<slug:slug>/so-quy/<int:year>/"

urlpatterns = [
    *kind_urls(
        views, "fee", "dang-phi/", ("", "home"), ("cua-toi/", "mine"), ("quy-dinh/", "rules")
    ),
    *record_urls(
        views,
        "fee",
        "dang-phi/dang-vien/<int:person_id>/",
        ("", "member"),
        ("luong/", "base_add"),
        ("ly-do/", "reason_add"),
    ),
    *record_urls(
        views,
        "fee",
        "dang-phi/khoan-nop/<int:payment_id>/",
        ("sua/", "payment_edit"),
        ("dao/", "payment_reverse"),
    ),
    *record_urls(
        views,
        "fee",
        "dang-phi/but-toan/<int:entry_id>/",
        ("sua/", "entry_edit"),
        ("dao/", "entry_reverse"),
    ),
    *record_urls(
        views,
        "fee",
        "dang-phi/to-chuc/<slug:slug>/",
        ("nop/", "payment_add"),
        ("quy-dinh/", "setting_add"),
    ),
    *record_urls(views, "fee", BOOK, ("", "book"), ("xlsx/", "sheet")),
    *record_urls(
        views, "fee", LEDGER, ("", "ledger"), ("ghi/", "entry_add"), ("khoa-so/", "close")
    ),
]

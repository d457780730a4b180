from dangvu.web import kind_urls, record_urls

from . import views

urlpatterns = [
    *kind_urls(views, "org", "to-chuc/", ("", "tree")),
    *record_urls(
        views,
        "org",
        "to-chuc/<slug:slug>/",
        "detail",
        ("them/", "create"),
        ("doi-ten/", "rename"),
        ("giai-the/", "dissolve"),
        ("sap-nhap/", "merge"),
        ("thong-ke/", "stats"),
        ("loai-hinh/", "type"),
        ("so-lieu-dac-diem/", "profile"),
        ("nhiem-ky/", "terms"),
        ("chuc-vu/", "seat"),
        ("chuyen-cap-tren/", "move"),
        ("cap-tren-cung-he-thong/", "same_system_superior"),
        "delete",
        ("lich-su/", "history"),
        ("thong-ke/<str:fact>/", "figure"),
    ),
]

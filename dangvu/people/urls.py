from dangvu.web import kind_urls, record_urls

from . import views

urlpatterns = [
    *kind_urls(views, "people", "ca-nhan/", "list"),
    *kind_urls(views, "person", "ca-nhan/", "create"),
    *record_urls(
        views,
        "person",
        "ca-nhan/<int:person_id>/",
        "detail",
        "edit",
        ("lich-su/", "history"),
        ("thao-tac/<slug:action>/", "action"),
    ),
    *record_urls(
        views, "attachment", "to-chuc/<slug:slug>/sinh-hoat-tam-thoi/", ("them/", "create")
    ),
    *record_urls(
        views, "attachment", "sinh-hoat-tam-thoi/<int:attachment_id>/", ("ket-thuc/", "end")
    ),
    *record_urls(
        views,
        "irregular",
        "to-chuc/<slug:slug>/gioi-thieu-chua-dung-quy-dinh/",
        ("them/", "create"),
    ),
]

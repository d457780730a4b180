from dangvu.web import kind_urls, record_urls

from . import views

urlpatterns = [
    *kind_urls(
        views,
        "document",
        "van-ban/",
        "list",
        ("xuat.<str:fmt>", "export"),
        "create",
        ("lay-so/", "number"),
        ("nhap-trich-dan/", "import"),
    ),
    *record_urls(
        views, "document", "van-ban/<int:document_id>/", "detail", "edit", ("tep/", "file")
    ),
]

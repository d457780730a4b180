from dangvu.web import kind_urls, record_urls

from . import views

urlpatterns = [
    *kind_urls(views, "work_programme", "chuong-trinh-cong-tac/", "list", "create"),
    *record_urls(
        views,
        "work_programme",
        "chuong-trinh-cong-tac/<int:programme_id>/",
        "detail",
        ("them-muc/", "item_create"),
        ("chuyen-nam-sau/", "carry_over"),
    ),
    *record_urls(
        views, "work_programme", "chuong-trinh-cong-tac/muc/<int:item_id>/", ("", "item_edit")
    ),
    *kind_urls(views, "indicator", "chi-so/", "list", "create"),
]

from dangvu.web import kind_urls, record_urls

from . import views

urlpatterns = [
    *kind_urls(views, "evaluation", "xep-loai/", "list", "create"),
    *kind_urls(views, "review", "ren-luyen/", ("", "page")),
    *kind_urls(views, "degradation", "ren-luyen/suy-thoai/", "create"),
    *kind_urls(views, "pledge", "ren-luyen/cam-ket/", "create"),
    *kind_urls(views, "study_plan", "ren-luyen/hoc-tap-lam-theo-bac/", "create"),
    *kind_urls(views, "shortcoming", "ren-luyen/khuyet-diem/", "create"),
    *kind_urls(views, "review_suggestion", "ren-luyen/goi-y-kiem-diem/", "create"),
    *record_urls(
        views,
        "shortcoming",
        "ren-luyen/khuyet-diem/<int:shortcoming_id>/",
        ("khac-phuc/", "remedy"),
    ),
]

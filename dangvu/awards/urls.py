from dangvu.web import kind_urls, record_urls

from . import views

urlpatterns = [
    *kind_urls(views, "commendation", "khen-thuong/", "list", "create"),
    *record_urls(
        views,
        "commendation",
        "khen-thuong/<int:commendation_id>/",
        ("sua/", "correct"),
        ("huy/", "cancel"),
    ),
]

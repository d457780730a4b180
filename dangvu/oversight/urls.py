from dangvu.web import kind_urls, record_urls

from . import views

urlpatterns = [
    *kind_urls(views, "inspection", "kiem-tra/", "list", "create"),
    *record_urls(views, "inspection", "kiem-tra/<int:inspection_id>/", ("ket-luan/", "conclude")),
    *kind_urls(views, "verification", "tham-tra-ly-lich/", "list", "create"),
    *kind_urls(views, "score", "cham-diem/", "list", "create"),
]

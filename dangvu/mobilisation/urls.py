from dangvu.web import kind_urls, record_urls

from . import views

urlpatterns = [
    *kind_urls(views, "campaign", "cuoc-van-dong/", "list", "create"),
    *record_urls(views, "campaign", "cuoc-van-dong/<int:campaign_id>/", "detail"),
    *kind_urls(views, "contribution", "cuoc-van-dong/<int:campaign_id>/", ("dong-gop/", "create")),
]

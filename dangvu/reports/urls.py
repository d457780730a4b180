from dangvu.web import kind_urls, record_urls

from . import views

urlpatterns = [
    *kind_urls(views, "report", "bao-cao/", "list", ("kiem-tra/", "check")),
    *record_urls(
        views,
        "org",
        "bao-cao/mau/<slug:slug>/<str:template>/",
        ("", "template"),
        ("khoi-phuc/", "template_reset"),
    ),
    *record_urls(
        views,
        "report",
        "bao-cao/<int:draft_id>/",
        "detail",
        ("muc/<str:key>/", "section"),
        ("the-thuc/", "header"),
        ("chot/", "finalise"),
        ("lay-so/", "take_number"),
        ("phien-ban-moi/", "new_version"),
        ("tai/<str:ext>/", "download"),
        ("so-lieu/<str:fact>/", "figure"),
        ("tinh-lai/", "recompute"),
    ),
]

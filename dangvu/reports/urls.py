from django.urls import path

from . import views

urlpatterns = [
    path("bao-cao/", views.report_list, name="report_list"),
    path("bao-cao/kiem-tra/", views.report_check, name="report_check"),
    path("bao-cao/mau/<slug:slug>/<str:template>/", views.org_template, name="org_template"),
    path(
        "bao-cao/mau/<slug:slug>/<str:template>/khoi-phuc/",
        views.org_template_reset,
        name="org_template_reset",
    ),
    path("bao-cao/<int:draft_id>/", views.report_detail, name="report_detail"),
    path("bao-cao/<int:draft_id>/muc/<str:key>/", views.report_section, name="report_section"),
    path("bao-cao/<int:draft_id>/the-thuc/", views.report_header, name="report_header"),
    path("bao-cao/<int:draft_id>/chot/", views.report_finalise, name="report_finalise"),
    path("bao-cao/<int:draft_id>/lay-so/", views.report_take_number, name="report_take_number"),
    path(
        "bao-cao/<int:draft_id>/phien-ban-moi/", views.report_new_version, name="report_new_version"
    ),
    path("bao-cao/<int:draft_id>/tai/<str:ext>/", views.report_download, name="report_download"),
    path("bao-cao/<int:draft_id>/so-lieu/<str:fact>/", views.report_figure, name="report_figure"),
]

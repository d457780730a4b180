from django.contrib.auth import views as auth_views
from django.shortcuts import redirect
from django.templatetags.static import static
from django.urls import include, path

urlpatterns = [
    path(
        "dang-nhap/",
        auth_views.LoginView.as_view(template_name="accounts/login.html"),
        name="login",
    ),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    # Browsers ask for /favicon.ico whatever the page links to; the icon is an SVG.
    path("favicon.ico", lambda request: redirect(static("favicon.svg"), permanent=True)),
    path("", include("dangvu.home.urls")),
    path("", include("dangvu.orgs.urls")),
    path("", include("dangvu.people.urls")),
    path("", include("dangvu.meetings.urls")),
    path("", include("dangvu.programme.urls")),
    path("", include("dangvu.review.urls")),
    path("", include("dangvu.oversight.urls")),
    path("", include("dangvu.awards.urls")),
    path("", include("dangvu.training.urls")),
    path("", include("dangvu.mobilisation.urls")),
    path("", include("dangvu.finance.urls")),
    path("", include("dangvu.people.excel_urls")),
    path("", include("dangvu.reports.urls")),
    path("", include("dangvu.documents.urls")),
    path("", include("dangvu.accounts.urls")),
    path("", include("dangvu.superior.urls")),
    path("", include("dangvu.ops.urls")),
]

# Out-of-range parameters are refused by dangvu.web's parsers with a Vietnamese message.
handler400 = "dangvu.web.bad_request"

"""The coordinator's district pages, under /districts/<district_id>/."""

from django.urls import path

from .views import overview

app_name = "districts"

urlpatterns = [
    path("", overview.overview, name="overview"),
    path("overview.pdf", overview.overview_pdf, name="overview_pdf"),
    path("overview.xlsx", overview.overview_xlsx, name="overview_xlsx"),
    path("networks/<int:pk>/", overview.network_detail, name="network_detail"),
]

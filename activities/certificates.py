"""The course certificate (kursusbevis) as a printable PDF, one page per graduate."""

import logging
from collections.abc import Sequence

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string

from .models import CourseCohort, CourseGraduate

STYLESHEET = "css/activities_certificate.css"

# WeasyPrint reports every rendering step at INFO; the application log has no use for them.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)


def certificates_pdf(*, cohort: CourseCohort, graduates: Sequence[CourseGraduate]) -> bytes:
    """Render the certificates of the given graduates of a cohort as one PDF."""
    # Imported here: WeasyPrint loads Pango when imported, and only this page needs it.
    from weasyprint import CSS, HTML

    html = render_to_string(
        "activities/certificate.html",
        {
            "cohort": cohort,
            "plan": cohort.plan,
            "graduates": graduates,
            "session_topics": list(cohort.sessions.order_by("date").values_list("topic", flat=True)),
        },
    )
    stylesheet = CSS(filename=finders.find(STYLESHEET))
    return HTML(string=html).write_pdf(stylesheets=[stylesheet])

"""The course certificate (kursusbevis) as a printable PDF, one page per graduate."""

from collections.abc import Sequence

from helhedsplan.pdf import render_pdf

from .models import CourseCohort, CourseGraduate

STYLESHEET = "css/activities_certificate.css"


def certificates_pdf(*, cohort: CourseCohort, graduates: Sequence[CourseGraduate]) -> bytes:
    """Render the certificates of the given graduates of a cohort as one PDF."""
    return render_pdf(
        "activities/certificate.html",
        {
            "cohort": cohort,
            "plan": cohort.plan,
            "graduates": graduates,
            "session_topics": list(cohort.sessions.order_by("date").values_list("topic", flat=True)),
        },
        stylesheet_static=STYLESHEET,
    )

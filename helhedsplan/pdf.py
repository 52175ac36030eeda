"""The one WeasyPrint renderer of the app: every PDF (status notes, access requests, certificates).

Every PDF is tagged (PDF/UA-1): the structure tree carries the document's
language (the template's <html lang>), its title, headings, table headers and
the alternative text of every figure, as Danish public bodies must publish
accessible documents. Nothing is fetched from outside: a template may embed
data: URIs only, so no text in a note can make the renderer read a file or
call a server.
"""

import logging

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

# WeasyPrint reports every rendering step at INFO; the application log has no use for them.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)

PDF_VARIANT = "pdf/ua-1"


def _data_only(url: str, *args, **kwargs):
    from weasyprint.urls import default_url_fetcher

    if not url.startswith("data:"):
        raise ValueError("Only data: URIs are embedded in a PDF.")
    return default_url_fetcher(url, *args, **kwargs)


def render_pdf(
    template: str,
    context: dict,
    *,
    stylesheet_template: str | None = None,
    stylesheet_static: str | None = None,
    request=None,
) -> bytes:
    """Render a template (a whole HTML document with lang and title) to a tagged PDF.

    The stylesheet is a template (given `page_label` for page numbers) or a file under static/.
    """
    # Imported here: WeasyPrint loads Pango when imported, and only PDFs need it.
    from weasyprint import CSS, HTML

    html = render_to_string(template, context, request=request)
    stylesheets = []
    if stylesheet_template:
        stylesheets.append(CSS(string=render_to_string(stylesheet_template, {"page_label": _("Page")})))
    if stylesheet_static:
        stylesheets.append(CSS(filename=finders.find(stylesheet_static)))
    return HTML(string=html, url_fetcher=_data_only).write_pdf(
        stylesheets=stylesheets, pdf_variant=PDF_VARIANT
    )

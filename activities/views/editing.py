"""Helpers of the logbook pages: the template of their create/edit page, and download file names."""

from django.utils.text import slugify

#: The logbook's create/edit page (helhedsplan.views.editing.edit_page renders it).
FORM_TEMPLATE = "activities/form.html"


def file_name(*words: str, extension: str) -> str:
    """An ASCII file name that keeps Danish letters readable: Søren Åberg -> soeren-aaberg."""
    return f"{slugify(' '.join(words).translate(DANISH_LETTERS))}.{extension}"


DANISH_LETTERS = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "Ae", "Ø": "Oe", "Å": "Aa"})

"""Helpers of the logbook pages: the template of their create/edit page (file names: helhedsplan.exports)."""

#: The logbook's create/edit page (helhedsplan.views.editing.edit_page renders it).
FORM_TEMPLATE = "activities/form.html"

"""What a user has typed into a form and not saved yet, kept on the server.

Drafts hold personal data (an entry's note is a resident's story), so they live
in the database, never in the browser's storage a shared or lost phone would
keep: one per author and form, readable by its author only, deleted when the
form is saved or discarded, removed after DRAFT_RETENTION_DAYS by
`prune_drafts`, and erased with the resident or case they belong to.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from helhedsplan.models import Plan


class Draft(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="+", verbose_name=_("plan"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="drafts", verbose_name=_("author")
    )
    #: The path the form posts to, e.g. /plans/1/cases/316/entries/new/: the same form wherever it is shown.
    form_key = models.CharField(_("form"), max_length=300)
    #: The typed fields as the form would post them: name -> list of values.
    data = models.JSONField(_("typed fields"), default=dict)
    # What the draft is about, so that erasing a resident or anonymising a case finds it.
    resident = models.ForeignKey(
        "cases.Resident", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    updated_at = models.DateTimeField(_("saved"), auto_now=True, db_index=True)

    class Meta:
        verbose_name = _("draft")
        verbose_name_plural = _("drafts")
        constraints = [models.UniqueConstraint(fields=["author", "form_key"], name="one_draft_per_form")]

    def __str__(self):
        return f"{self.form_key} ({self.updated_at:%Y-%m-%d %H:%M})"

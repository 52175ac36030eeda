"""Template tags of the logbook's pages."""

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from helhedsplan.templatetags.form_fields import escaped

register = template.Library()

#: One entry of the logbook's list (templates/activities/includes/_entries.html). Written out here:
#: rendering fifty of them through template tags cost more than the rest of the page.
_ENTRY = """
  <li class="list-group-item">
    <div class="row g-1 align-items-start">
      <div class="col-12 col-md-2 small text-body-secondary">{when}</div>
      <div class="col-12 col-md">
        <span class="entry-type badge {badge_class}">{badge}</span>
        {by_residents}
        <a class="d-block fw-semibold" href="{url}">{heading}</a>
        {where}
      </div>
      <div class="col-12 col-md-auto text-md-end small">
        {figures}
      </div>
    </div>
  </li>
"""


@register.simple_tag
def logbook_entries(entries):
    """The entries as items of the logbook's list, or that there are none."""
    if not entries:
        return format_html('\n  <li class="list-group-item text-body-secondary">{}</li>\n', _("No entries."))
    by_residents = format_html('<span class="entry-type badge text-bg-success">{}</span>', _("By residents"))
    items = "".join(_ENTRY.format(**_entry_parts(e, by_residents)) for e in entries)
    return SafeString(items)  # every value in it is escaped (escaped)


def _entry_parts(e, by_residents) -> dict:
    if e.type == "activity":
        figures = f"<span>{escaped(e.residents_text)}</span>"
        if e.children:
            figures += f'<span class="text-body-secondary">, {escaped(e.children_text)}</span>'
        if e.others:
            figures += f'<span class="text-body-secondary"> + {escaped(e.others_text)}</span>'
    else:
        figures = escaped(e.residents_text)
    where = (
        f'<div class="small text-body-secondary text-truncate">{escaped(e.where)}</div>' if e.where else ""
    )
    return {
        "when": escaped(e.when),
        "badge_class": "text-bg-primary" if e.type == "activity" else "text-bg-secondary",
        "badge": escaped(e.badge),
        "by_residents": by_residents if e.initiated_by_residents else "",
        "url": escaped(e.url),
        "heading": escaped(e.heading),
        "where": where,
        "figures": f"\n          {figures}\n        ",
    }

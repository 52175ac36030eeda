"""Each criterion's chart as inline SVG, drawn on the server (no JavaScript in pages or PDFs)."""

from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

WIDTH, HEIGHT = 360, 150
LEFT, RIGHT, TOP, BOTTOM = 40, 12, 12, 28


def _fmt(value) -> str:
    if isinstance(value, float) and not value.is_integer():
        return f"{value:.1f}".replace(".", ",")
    return str(int(value))


def criterion_chart(criterion: dict) -> str:
    """A line of the yearly figures with the baseline and the target as dashed lines.

    Suppressed figures ("<5") are strings and are left out of the line.
    """
    points = [(p["year"], p["value"]) for p in criterion["series"] if isinstance(p["value"], int | float)]
    years = [p["year"] for p in criterion["series"]]
    refs = [v for v in (criterion.get("baseline"), criterion.get("target")) if isinstance(v, int | float)]
    values = [v for _y, v in points] + refs
    title = escape(f"{criterion['code']} {criterion['title']}")
    if not years or not values:
        empty = escape(_("No figures to draw."))
        return mark_safe(  # noqa: S308 -- every text in the SVG is escaped
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="40" role="img" '
            f'aria-label="{title}"><text x="4" y="24" font-size="11" fill="#555">{empty}</text></svg>'
        )
    low, high = min(0, min(values)), max(values) or 1
    span_x = max(len(years) - 1, 1)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(year):
        return LEFT + plot_w * (years.index(year) / span_x if len(years) > 1 else 0.5)

    def y(value):
        return TOP + plot_h * (1 - (value - low) / ((high - low) or 1))

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-label="{title}" '
        'font-family="sans-serif" font-size="9">',
        f'<line x1="{LEFT}" y1="{TOP + plot_h}" x2="{WIDTH - RIGHT}" y2="{TOP + plot_h}" stroke="#999"/>',
        f'<line x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{TOP + plot_h}" stroke="#999"/>',
        f'<text x="{LEFT - 4}" y="{TOP + 4}" text-anchor="end" fill="#555">{_fmt(high)}</text>',
        f'<text x="{LEFT - 4}" y="{TOP + plot_h}" text-anchor="end" fill="#555">{_fmt(low)}</text>',
    ]
    for year in years:
        parts.append(
            f'<text x="{x(year):.1f}" y="{HEIGHT - 12}" text-anchor="middle" fill="#555">{year}</text>'
        )
    for value, colour, label in (
        (criterion.get("baseline"), "#6c757d", _("Baseline")),
        (criterion.get("target"), "#198754", _("Target")),
    ):
        if isinstance(value, int | float):
            parts.append(
                f'<line x1="{LEFT}" y1="{y(value):.1f}" x2="{WIDTH - RIGHT}" y2="{y(value):.1f}" '
                f'stroke="{colour}" stroke-dasharray="4 3"/>'
                f'<text x="{WIDTH - RIGHT}" y="{y(value) - 3:.1f}" text-anchor="end" fill="{colour}">'
                f"{escape(label)} {_fmt(value)}</text>"
            )
    if points:
        path = " ".join(f"{x(year):.1f},{y(value):.1f}" for year, value in points)
        parts.append(f'<polyline points="{path}" fill="none" stroke="#0d6efd" stroke-width="2"/>')
        for year, value in points:
            parts.append(f'<circle cx="{x(year):.1f}" cy="{y(value):.1f}" r="2.5" fill="#0d6efd"/>')
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 -- every text in the SVG is escaped

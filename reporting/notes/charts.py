"""Each criterion's chart as inline SVG, drawn on the server (no JavaScript in pages or PDFs),
and the same chart as a PNG for Word."""

import io

from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from reporting.selectors import format_number

WIDTH, HEIGHT = 360, 150
LEFT, RIGHT, TOP, BOTTOM = 40, 12, 12, 28


def _fmt(value) -> str:
    if isinstance(value, float) and not value.is_integer():
        return f"{value:.1f}".replace(".", ",")
    return str(int(value))


def _show(value) -> str:
    """A figure in the active language; a suppressed "<5" as it is."""
    return value if isinstance(value, str) else format_number(value, None)


def chart_description(criterion: dict) -> str:
    """The chart in words, for screen readers (alt text in the page, the PDF and Word)."""
    points = "; ".join(f"{p['year']}: {_show(p['value'])}" for p in criterion["series"])
    parts = [f"{criterion['code']} {criterion['title']}", points or _("No figures to draw.")]
    if isinstance(criterion.get("baseline"), int | float):
        parts.append(_("baseline %(value)s") % {"value": _show(criterion["baseline"])})
    if isinstance(criterion.get("target"), int | float):
        parts.append(_("target %(value)s") % {"value": _show(criterion["target"])})
    return ". ".join(parts) + "."


def criterion_sparkline(criterion: dict) -> str:
    """The yearly figures as a small line for the overview; the figures themselves stand beside it."""
    points = [(p["year"], p["value"]) for p in criterion["series"] if isinstance(p["value"], int | float)]
    width, height = 80, 20
    if len(points) < 2:
        return ""
    values = [v for _y, v in points]
    low, high = min(values), max(values)
    years = [p["year"] for p in criterion["series"]]
    span = max(len(years) - 1, 1)
    path = " ".join(
        f"{2 + (width - 4) * years.index(year) / span:.1f},"
        f"{height - 2 - (height - 4) * ((value - low) / ((high - low) or 1)):.1f}"
        for year, value in points
    )
    label = escape(
        _("Trend of %(code)s: %(points)s")
        % {
            "code": criterion["code"],
            "points": "; ".join(f"{p['year']}: {_show(p['value'])}" for p in criterion["series"]),
        }
    )
    return mark_safe(  # noqa: S308 -- every text in the SVG is escaped
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="{label}"><title>{label}</title>'
        f'<polyline points="{path}" fill="none" stroke="#0d6efd" stroke-width="1.5"/></svg>'
    )


def criterion_chart(criterion: dict) -> str:
    """A line of the yearly figures with the baseline and the target as dashed lines.

    Suppressed figures ("<5") are strings and are left out of the line.
    """
    points = [(p["year"], p["value"]) for p in criterion["series"] if isinstance(p["value"], int | float)]
    years = [p["year"] for p in criterion["series"]]
    refs = [v for v in (criterion.get("baseline"), criterion.get("target")) if isinstance(v, int | float)]
    values = [v for _y, v in points] + refs
    title = escape(chart_description(criterion))
    if not years or not values:
        empty = escape(_("No figures to draw."))
        return mark_safe(  # noqa: S308 -- every text in the SVG is escaped
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="40" role="img" '
            f'aria-label="{title}"><title>{title}</title>'
            f'<text x="4" y="24" font-size="11" fill="#555">{empty}</text></svg>'
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
        f"<title>{title}</title>",
        f'<line x1="{LEFT}" y1="{TOP + plot_h}" x2="{WIDTH - RIGHT}" y2="{TOP + plot_h}" stroke="#999"/>',
        f'<line x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{TOP + plot_h}" stroke="#999"/>',
        f'<text x="{LEFT - 4}" y="{TOP + 4}" text-anchor="end" fill="#555">{_fmt(high)}</text>',
        f'<text x="{LEFT - 4}" y="{TOP + plot_h}" text-anchor="end" fill="#555">{_fmt(low)}</text>',
    ]
    for year in years:
        parts.append(
            f'<text x="{x(year):.1f}" y="{HEIGHT - 12}" text-anchor="middle" fill="#555">{year}</text>'
        )
    # The baseline's label sits at the left end of its line, the target's at the right end, so the
    # two never print over each other when they are close or equal (F3: baseline 10, target 10).
    for value, colour, label, label_x, anchor in (
        (criterion.get("baseline"), "#5c636a", _("Baseline"), LEFT + 3, "start"),
        (criterion.get("target"), "#146c43", _("Target"), WIDTH - RIGHT, "end"),
    ):
        if isinstance(value, int | float):
            parts.append(
                f'<line x1="{LEFT}" y1="{y(value):.1f}" x2="{WIDTH - RIGHT}" y2="{y(value):.1f}" '
                f'stroke="{colour}" stroke-dasharray="4 3"/>'
                f'<text x="{label_x}" y="{y(value) - 3:.1f}" text-anchor="{anchor}" fill="{colour}">'
                f"{escape(label)} {_fmt(value)}</text>"
            )
    if points:
        path = " ".join(f"{x(year):.1f},{y(value):.1f}" for year, value in points)
        parts.append(f'<polyline points="{path}" fill="none" stroke="#0d6efd" stroke-width="2"/>')
        for year, value in points:
            parts.append(f'<circle cx="{x(year):.1f}" cy="{y(value):.1f}" r="2.5" fill="#0d6efd"/>')
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 -- every text in the SVG is escaped


_FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


def criterion_chart_png(criterion: dict, scale: int = 3) -> bytes:
    """The same chart as `criterion_chart`, drawn as a PNG (Word shows no SVG from python-docx)."""
    from PIL import Image, ImageDraw, ImageFont

    try:
        font = ImageFont.truetype(_FONT, 9 * scale)
    except OSError:
        font = ImageFont.load_default()
    image = Image.new("RGB", (WIDTH * scale, HEIGHT * scale), "white")
    draw = ImageDraw.Draw(image)
    points = [(p["year"], p["value"]) for p in criterion["series"] if isinstance(p["value"], int | float)]
    years = [p["year"] for p in criterion["series"]]
    refs = [v for v in (criterion.get("baseline"), criterion.get("target")) if isinstance(v, int | float)]
    values = [v for _y, v in points] + refs
    if not years or not values:
        draw.text((4 * scale, 14 * scale), _("No figures to draw."), fill="#555555", font=font)
        return _png(image)
    low, high = min(0, min(values)), max(values) or 1
    span_x = max(len(years) - 1, 1)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(year):
        return scale * (LEFT + plot_w * (years.index(year) / span_x if len(years) > 1 else 0.5))

    def y(value):
        return scale * (TOP + plot_h * (1 - (value - low) / ((high - low) or 1)))

    base = scale * (TOP + plot_h)
    draw.line([(LEFT * scale, base), ((WIDTH - RIGHT) * scale, base)], fill="#999999", width=scale)
    draw.line([(LEFT * scale, TOP * scale), (LEFT * scale, base)], fill="#999999", width=scale)
    draw.text(((LEFT - 4) * scale, TOP * scale), _fmt(high), fill="#555555", font=font, anchor="rm")
    draw.text(((LEFT - 4) * scale, base), _fmt(low), fill="#555555", font=font, anchor="rm")
    for year in years:
        draw.text((x(year), (HEIGHT - 16) * scale), str(year), fill="#555555", font=font, anchor="mt")
    for value, colour, label, label_x, anchor in (
        (criterion.get("baseline"), "#5c636a", _("Baseline"), (LEFT + 3) * scale, "ls"),
        (criterion.get("target"), "#146c43", _("Target"), (WIDTH - RIGHT) * scale, "rs"),
    ):
        if isinstance(value, int | float):
            for start in range(LEFT * scale, (WIDTH - RIGHT) * scale, 7 * scale):
                draw.line([(start, y(value)), (start + 4 * scale, y(value))], fill=colour, width=scale)
            text = f"{label} {_fmt(value)}"
            draw.text((label_x, y(value) - 3 * scale), text, fill=colour, font=font, anchor=anchor)
    if points:
        line = [(x(year), y(value)) for year, value in points]
        if len(line) > 1:
            draw.line(line, fill="#0d6efd", width=2 * scale)
        for cx, cy in line:
            r = 2.5 * scale
            draw.ellipse([cx - r, cy - r, cx + r, cy + r], fill="#0d6efd")
    return _png(image)


def _png(image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()

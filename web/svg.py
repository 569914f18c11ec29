"""Server-side SVG charts: a line chart and a horizontal bar chart.

Invariants:
    - the output is a complete, self-contained ``<svg>`` element (no script, no external
      reference), safe to embed in a page: every text is escaped;
    - each chart carries ``role="img"``, a ``<title>`` and a ``<desc>`` referenced by
      ``aria-labelledby``, so screen readers announce what it shows;
    - values are Decimal (money never passes through float); coordinates are computed
      in Decimal and written with one decimal place;
    - axes always include zero, and the tick step is 1, 2 or 5 times a power of ten.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

ZERO = Decimal(0)
#: Colour-blind-safe palette (Okabe-Ito), dark enough on white for 3:1 contrast.
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#56B4E9", "#E69F00")


@dataclass(frozen=True)
class Series:
    """One line of a line chart: a name for the legend and one value per label."""

    name: str
    values: Sequence[Decimal]


def _fmt(number: Decimal) -> str:
    return f"{number.quantize(Decimal('0.1')):f}"


def nice_ticks(low: Decimal, high: Decimal, *, count: int = 5) -> list[Decimal]:
    """Tick values from at or below ``low`` to at or above ``high`` (zero included),
    about ``count`` intervals, with a step of 1, 2 or 5 times a power of ten."""
    low, high = min(low, ZERO), max(high, ZERO)
    if low == high:
        high = low + 1
    raw = (high - low) / count
    exponent = raw.adjusted()
    base = Decimal(10) ** exponent
    step = next(m * base for m in (1, 2, 5, 10) if m * base >= raw)
    start = (low / step).to_integral_value(rounding=ROUND_FLOOR) * step
    stop = (high / step).to_integral_value(rounding=ROUND_CEILING) * step
    ticks = []
    value = start
    while value <= stop:
        ticks.append(value)
        value += step
    return ticks


def compact_number(value: Decimal) -> str:
    """Short axis label in Indonesian style: 1.500.000 -> '1,5 jt', 2.000 -> '2 rb'."""
    sign = "-" if value < 0 else ""
    value = abs(value)
    for size, suffix in ((Decimal(10) ** 12, "T"), (Decimal(10) ** 9, "M")):
        if value >= size:
            return f"{sign}{_short(value / size)} {suffix}"
    if value >= 10**6:
        return f"{sign}{_short(value / 10**6)} jt"
    if value >= 10**3:
        return f"{sign}{_short(value / 10**3)} rb"
    return f"{sign}{_short(value)}"


def _short(value: Decimal) -> str:
    text = f"{value.quantize(Decimal('0.1')):f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


def _open(width: int, height: int, ident: str, title: str, desc: str) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'viewBox="0 0 {width} {height}" width="100%" '
        f'preserveAspectRatio="xMidYMid meet" '
        f'aria-labelledby="{ident}-title {ident}-desc">',
        f'<title id="{ident}-title">{escape(title)}</title>',
        f'<desc id="{ident}-desc">{escape(desc)}</desc>',
    ]


def line_chart(
    *,
    ident: str,
    title: str,
    desc: str,
    labels: Sequence[str],
    series: Sequence[Series],
    value_label: Callable[[Decimal], str] = compact_number,
    width: int = 640,
    height: int = 320,
) -> SafeString:
    """A line chart with a y axis (ticks and grid), x labels, a legend and a title.

    Args:
        ident: a page-unique prefix for the ids of ``<title>`` and ``<desc>``.
        title / desc: accessible name and description (also shown as the heading).
        labels: the x-axis categories, in order (e.g. months).
        series: one or more ``Series`` with one value per label.
        value_label: formats a y-axis tick value.
        width / height: the viewBox size; the SVG scales to its container.

    Returns:
        The ``<svg>`` markup, marked safe for templates.
    """
    left, right, top, bottom = 64, 32, 40, 56
    plot_w, plot_h = width - left - right, height - top - bottom
    values = [v for s in series for v in s.values] or [ZERO]
    ticks = nice_ticks(min(values), max(values))
    low, high = ticks[0], ticks[-1]

    def y_of(value: Decimal) -> Decimal:
        return top + plot_h - (value - low) / (high - low) * plot_h

    def x_of(index: int) -> Decimal:
        if len(labels) <= 1:
            return Decimal(left) + Decimal(plot_w) / 2
        return left + Decimal(plot_w) * index / (len(labels) - 1)

    out = _open(width, height, ident, title, desc)
    out.append(
        f'<text x="{left}" y="22" class="chart-title" font-size="15" '
        f'font-weight="bold" fill="#1a1a1a">{escape(title)}</text>'
    )
    out.append('<g class="axis y-axis" font-size="11" fill="#333">')
    for tick in ticks:
        y = _fmt(y_of(tick))
        out.append(
            f'<line x1="{left}" x2="{left + plot_w}" y1="{y}" y2="{y}" '
            f'stroke="{"#555" if tick == 0 else "#ddd"}" stroke-width="1"/>'
        )
        out.append(
            f'<text x="{left - 6}" y="{y}" text-anchor="end" '
            f'dominant-baseline="middle">{escape(value_label(tick))}</text>'
        )
    out.append("</g>")
    out.append('<g class="axis x-axis" font-size="11" fill="#333">')
    out.append(
        f'<line x1="{left}" x2="{left}" y1="{top}" y2="{top + plot_h}" '
        f'stroke="#555" stroke-width="1"/>'
    )
    every = max(1, (len(labels) + 11) // 12)
    for index, label in enumerate(labels):
        if index % every:
            continue
        out.append(
            f'<text x="{_fmt(x_of(index))}" y="{top + plot_h + 18}" '
            f'text-anchor="middle">{escape(label)}</text>'
        )
    out.append("</g>")
    for number, line in enumerate(series):
        colour = PALETTE[number % len(PALETTE)]
        points = [f"{_fmt(x_of(i))},{_fmt(y_of(v))}" for i, v in enumerate(line.values)]
        if points:
            out.append(
                f'<path class="series" d="M{" L".join(points)}" fill="none" '
                f'stroke="{colour}" stroke-width="2.5" stroke-linejoin="round">'
                f"<title>{escape(line.name)}</title></path>"
            )
        for i, v in enumerate(line.values):
            out.append(
                f'<circle cx="{_fmt(x_of(i))}" cy="{_fmt(y_of(v))}" r="3" '
                f'fill="{colour}"><title>{escape(line.name)} {escape(labels[i])}: '
                f"{escape(value_label(v))}</title></circle>"
            )
        legend_x = left + number * 180
        out.append(
            f'<g class="legend" font-size="12" fill="#1a1a1a">'
            f'<rect x="{legend_x}" y="{height - 18}" width="14" height="4" '
            f'fill="{colour}"/><text x="{legend_x + 20}" y="{height - 13}">'
            f"{escape(line.name)}</text></g>"
        )
    out.append("</svg>")
    return mark_safe("".join(out))  # noqa: S308 - every text above is escaped


def bar_chart(
    *,
    ident: str,
    title: str,
    desc: str,
    labels: Sequence[str],
    values: Sequence[Decimal],
    value_label: Callable[[Decimal], str] = compact_number,
    max_value: Decimal | None = None,
    width: int = 640,
    bar_height: int = 16,
    label_width: int = 180,
    links: Sequence[str] | None = None,
) -> SafeString:
    """A horizontal bar chart (one row per label: it stays readable on a phone even
    with the 38 regions), with a value axis, gridlines, values and a title.

    Args:
        ident: a page-unique prefix for the ids of ``<title>`` and ``<desc>``.
        title / desc: accessible name and description.
        labels / values: one bar per label; values must not be negative.
        value_label: formats tick values and the value written after each bar.
        max_value: the end of the value axis (e.g. 100 for percentages); by default
            the nicest tick at or above the largest value.
        width: viewBox width; the height follows from the number of bars.
        bar_height / label_width: sizes in viewBox units.
        links: optional URL per bar; each row (label, bar, value) becomes a link.

    Returns:
        The ``<svg>`` markup, marked safe for templates.
    """
    gap = 6
    top, bottom, right = 40, 28, 56
    left = label_width
    plot_w = width - left - right
    plot_h = max(1, len(labels)) * (bar_height + gap)
    height = top + plot_h + bottom
    ticks = nice_ticks(ZERO, max(values, default=ZERO))
    if max_value is not None:
        ticks = nice_ticks(ZERO, max_value)
    high = ticks[-1]

    def x_of(value: Decimal) -> Decimal:
        return left + value / high * plot_w

    out = _open(width, height, ident, title, desc)
    out.append(
        f'<text x="8" y="22" class="chart-title" font-size="15" font-weight="bold" '
        f'fill="#1a1a1a">{escape(title)}</text>'
    )
    out.append('<g class="axis x-axis" font-size="11" fill="#333">')
    for tick in ticks:
        x = _fmt(x_of(tick))
        out.append(
            f'<line x1="{x}" x2="{x}" y1="{top}" y2="{top + plot_h}" '
            f'stroke="{"#555" if tick == 0 else "#ddd"}" stroke-width="1"/>'
            f'<text x="{x}" y="{top + plot_h + 16}" text-anchor="middle">'
            f"{escape(value_label(tick))}</text>"
        )
    out.append("</g>")
    out.append('<g class="bars" font-size="11" fill="#1a1a1a">')
    for index, (label, value) in enumerate(zip(labels, values, strict=True)):
        y = top + index * (bar_height + gap) + gap // 2
        bar_w = _fmt(x_of(value) - left)
        link = links[index] if links else ""
        if link:
            out.append(f'<a href="{escape(link)}" class="bar-link">')
        out.append(
            f'<text x="{left - 6}" y="{y + bar_height // 2}" text-anchor="end" '
            f'dominant-baseline="middle">{escape(label)}</text>'
            f'<rect class="bar" x="{left}" y="{y}" width="{bar_w}" '
            f'height="{bar_height}" fill="{PALETTE[0]}">'
            f"<title>{escape(label)}: {escape(value_label(value))}</title></rect>"
            f'<text x="{_fmt(x_of(value) + 4)}" y="{y + bar_height // 2}" '
            f'dominant-baseline="middle">{escape(value_label(value))}</text>'
        )
        if link:
            out.append("</a>")
    out.append("</g></svg>")
    return mark_safe("".join(out))  # noqa: S308 - every text above is escaped

"""The server-side SVG charts: well-formed, accessible, drawn from the values."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from decimal import Decimal

from web import svg

NS = {"s": "http://www.w3.org/2000/svg"}


def _parse(markup: str) -> ET.Element:
    return ET.fromstring(str(markup))


def test_line_chart_is_accessible_svg_with_one_path_per_series():
    markup = svg.line_chart(
        ident="t",
        title="Kas & bank <2026>",
        desc="Saldo akhir bulan",
        labels=["Jan", "Feb", "Mar"],
        series=[
            svg.Series("Kas", [Decimal(0), Decimal(1_500_000), Decimal(900_000)]),
            svg.Series("Bank", [Decimal(200_000), Decimal(-50_000), Decimal(0)]),
        ],
    )
    root = _parse(markup)

    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "t-title t-desc"
    assert root.find("s:title", NS).text == "Kas & bank <2026>"  # escaped, parsed back
    assert root.find("s:desc", NS).text == "Saldo akhir bulan"
    paths = root.findall(".//s:path[@class='series']", NS)
    assert len(paths) == 2
    assert paths[0].get("d").count("L") == 2  # three points
    assert len(root.findall(".//s:circle", NS)) == 6
    labels = [t.text for t in root.findall(".//s:g[@class='axis x-axis']/s:text", NS)]
    assert labels == ["Jan", "Feb", "Mar"]


def test_line_chart_puts_bigger_values_higher():
    root = _parse(
        svg.line_chart(
            ident="h",
            title="t",
            desc="d",
            labels=["a", "b"],
            series=[svg.Series("x", [Decimal(10), Decimal(1000)])],
        )
    )
    first, second = root.findall(".//s:circle", NS)

    assert Decimal(second.get("cy")) < Decimal(first.get("cy"))


def test_line_chart_axis_spans_negative_values_and_zero():
    root = _parse(
        svg.line_chart(
            ident="n",
            title="t",
            desc="d",
            labels=["a", "b"],
            series=[svg.Series("x", [Decimal(-3_000), Decimal(7_000)])],
        )
    )
    ticks = [t.text for t in root.findall(".//s:g[@class='axis y-axis']/s:text", NS)]

    assert ticks[0].startswith("-") and "0" in ticks and ticks[-1] == "8 rb"


def test_bar_chart_draws_one_bar_per_label_proportionally():
    root = _parse(
        svg.bar_chart(
            ident="b",
            title="Penagihan",
            desc="per wilayah",
            labels=["Kota Batu", "Kab. Malang", "Kota Surabaya"],
            values=[Decimal(100), Decimal(50), Decimal(0)],
            max_value=Decimal(100),
            value_label=lambda v: f"{v}%",
        )
    )
    bars = root.findall(".//s:rect[@class='bar']", NS)

    assert len(bars) == 3
    widths = [Decimal(bar.get("width")) for bar in bars]
    assert widths[0] == 2 * widths[1] and widths[2] == 0
    assert bars[0].find("s:title", NS).text == "Kota Batu: 100%"


def test_charts_handle_no_data():
    line = _parse(svg.line_chart(ident="e", title="t", desc="d", labels=[], series=[]))
    bars = _parse(svg.bar_chart(ident="f", title="t", desc="d", labels=[], values=[]))

    assert line.find("s:title", NS).text == "t"
    assert bars.findall(".//s:rect[@class='bar']", NS) == []


def test_nice_ticks_and_compact_numbers():
    assert svg.nice_ticks(Decimal(0), Decimal(95)) == [
        Decimal(v) for v in (0, 20, 40, 60, 80, 100)
    ]
    assert svg.compact_number(Decimal(1_500_000)) == "1,5 jt"
    assert svg.compact_number(Decimal(2_000)) == "2 rb"
    assert svg.compact_number(Decimal(-3_000_000_000)) == "-3 M"

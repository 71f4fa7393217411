"""Geometry for the server-rendered SVG charts of the analysis dashboard (no JavaScript).

Every coordinate is returned as a string written with a decimal point: SVG attributes take no
locale, and a float rendered by a template is localised ("66,25" in Indonesian), which browsers
reject."""

from __future__ import annotations

from django import template

register = template.Library()

ROW_HEIGHT = 28
LABEL_SHARE = 38  # percent of the width for labels in horizontal charts
BAR_SHARE = 50


def svg_number(value: float) -> str:
    """A coordinate for an SVG attribute: at most two decimals, always a decimal point."""
    return f"{value:.2f}".rstrip("0").rstrip(".")


@register.simple_tag
def bar_rows(bars) -> dict:
    top = max((bar.value for bar in bars), default=0) or 1
    rows = []
    for index, bar in enumerate(bars):
        width = BAR_SHARE * bar.value / top
        rows.append({
            "label": bar.label, "value": bar.value, "y": svg_number(index * ROW_HEIGHT + 4),
            "text_y": svg_number(index * ROW_HEIGHT + 18), "width": svg_number(width),
            "value_x": svg_number(LABEL_SHARE + width + 1),
        })  # fmt: skip
    return {
        "rows": rows,
        "height": svg_number(max(len(rows), 1) * ROW_HEIGHT),
        "label_x": svg_number(LABEL_SHARE),
    }


@register.simple_tag
def stacked_rows(rows) -> dict:
    top = max((row.total for row in rows), default=0) or 1
    result = []
    for index, row in enumerate(rows):
        x, parts = float(LABEL_SHARE), []
        for key, label, value in row.parts:
            width = BAR_SHARE * value / top
            if value:
                parts.append({"key": key, "label": label, "value": value, "x": svg_number(x),
                              "width": svg_number(width)})  # fmt: skip
            x += width
        result.append({
            "label": row.label, "total": row.total, "parts": parts,
            "y": svg_number(index * ROW_HEIGHT + 4), "text_y": svg_number(index * ROW_HEIGHT + 18),
            "total_x": svg_number(x + 1),
        })  # fmt: skip
    return {"rows": result, "height": svg_number(max(len(result), 1) * ROW_HEIGHT)}


@register.simple_tag
def columns(bars) -> dict:
    top = max((bar.value for bar in bars), default=0) or 1
    count = max(len(bars), 1)
    return {
        "width": svg_number(count * 10),
        "columns": [
            {"x": svg_number(index * 10 + 1), "height": svg_number(90 * bar.value / top),
             "y": svg_number(100 - 90 * bar.value / top), "label": bar.label, "value": bar.value}
            for index, bar in enumerate(bars)
        ],
    }  # fmt: skip

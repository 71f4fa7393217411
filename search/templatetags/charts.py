"""Geometry for the server-rendered SVG charts of the analysis dashboard (no JavaScript)."""

from __future__ import annotations

from django import template

register = template.Library()

ROW_HEIGHT = 28
LABEL_SHARE = 38  # percent of the width for labels in horizontal charts
BAR_SHARE = 50


@register.simple_tag
def bar_rows(bars) -> dict:
    top = max((bar.value for bar in bars), default=0) or 1
    rows = []
    for index, bar in enumerate(bars):
        width = BAR_SHARE * bar.value / top
        rows.append({
            "label": bar.label, "value": bar.value, "y": index * ROW_HEIGHT,
            "text_y": index * ROW_HEIGHT + 18, "width": round(width, 2),
            "value_x": round(LABEL_SHARE + width + 1, 2),
        })  # fmt: skip
    return {"rows": rows, "height": max(len(rows), 1) * ROW_HEIGHT, "label_x": LABEL_SHARE}


@register.simple_tag
def stacked_rows(rows) -> dict:
    top = max((row.total for row in rows), default=0) or 1
    result = []
    for index, row in enumerate(rows):
        x, parts = float(LABEL_SHARE), []
        for key, label, value in row.parts:
            width = BAR_SHARE * value / top
            if value:
                parts.append({"key": key, "label": label, "value": value, "x": round(x, 2),
                              "width": round(width, 2)})  # fmt: skip
            x += width
        result.append({
            "label": row.label, "total": row.total, "parts": parts, "y": index * ROW_HEIGHT,
            "text_y": index * ROW_HEIGHT + 18, "total_x": round(x + 1, 2),
        })  # fmt: skip
    return {"rows": result, "height": max(len(result), 1) * ROW_HEIGHT}


@register.simple_tag
def columns(bars) -> dict:
    top = max((bar.value for bar in bars), default=0) or 1
    count = max(len(bars), 1)
    return {
        "width": count * 10,
        "columns": [
            {"x": index * 10 + 1, "height": round(90 * bar.value / top, 2),
             "y": round(100 - 90 * bar.value / top, 2), "label": bar.label, "value": bar.value}
            for index, bar in enumerate(bars)
        ],
    }  # fmt: skip

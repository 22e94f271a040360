"""Bar charts drawn on the server as SVG geometry (the template only places the shapes)."""

WIDTH, HEIGHT = 480, 220
TOP, BOTTOM, LEFT, RIGHT = 20, 40, 16, 16


def bar_chart(items, *, target_line=None):
    """Geometry of a bar chart for ``items`` = [(label, value)], optionally a horizontal line.

    Returns a dict for ``templates/reporting/includes/bar_chart.html``.
    """
    values = [value or 0 for _label, value in items]
    top_value = max(values + [target_line or 0, 1])
    plot_height = HEIGHT - TOP - BOTTOM
    slot = (WIDTH - LEFT - RIGHT) / max(len(items), 1)
    bar_width = slot * 0.6
    bars = []
    for index, (label, value) in enumerate(items):
        height = round(plot_height * (value or 0) / top_value, 1)
        x = round(LEFT + index * slot + (slot - bar_width) / 2, 1)
        bars.append(
            {
                "label": label,
                "value": value or 0,
                "x": x,
                "y": round(TOP + plot_height - height, 1),
                "width": round(bar_width, 1),
                "height": height,
                "center": round(x + bar_width / 2, 1),
                "value_y": round(TOP + plot_height - height - 4, 1),
            }
        )
    line_y = None
    if target_line:
        line_y = round(TOP + plot_height - plot_height * target_line / top_value, 1)
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "bars": bars,
        "baseline": TOP + plot_height,
        "label_y": HEIGHT - BOTTOM + 18,
        "line_y": line_y,
        "line_x2": WIDTH - RIGHT,
        "left": LEFT,
    }

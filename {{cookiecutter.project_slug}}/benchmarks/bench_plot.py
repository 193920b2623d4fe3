"""Line charts as plain SVG for the page api_bench.py writes: no plotting library to install.

The x axis is logarithmic (row counts grow tenfold); each series is a line with its points marked.
The text is the same for the same numbers, so a chart's diff shows what changed.
"""

import math
from html import escape

WIDTH, HEIGHT = 720, 400
LEFT, RIGHT, TOP, BOTTOM = 70, 200, 40, 50
COLOURS = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#8c564b", "#e377c2")


def line_chart(title: str, unit: str, series: dict[str, dict[int, float]]) -> str:
    """An SVG chart of ``{label: {rows: value}}`` against rows, with a legend."""
    xs = sorted({x for points in series.values() for x in points}) or [1, 10]
    top = max((y for points in series.values() for y in points.values()), default=1.0) * 1.1 or 1.0
    low, high = math.log10(xs[0]), math.log10(xs[-1])
    span_x = (high - low) or 1.0
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def px(x: int) -> float:
        return LEFT + (math.log10(x) - low) / span_x * plot_w

    def py(y: float) -> float:
        return TOP + plot_h - y / top * plot_h

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" font-family="sans-serif" font-size="12">',
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="white"/>',
        f'<text x="{WIDTH / 2:.0f}" y="22" text-anchor="middle" font-size="15">{escape(title)}</text>',
        f'<line x1="{LEFT}" y1="{TOP + plot_h}" x2="{LEFT + plot_w}" y2="{TOP + plot_h}" stroke="black"/>',
        f'<line x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{TOP + plot_h}" stroke="black"/>',
        f'<text x="{LEFT + plot_w / 2:.0f}" y="{HEIGHT - 12}" text-anchor="middle">rows</text>',
        f'<text x="16" y="{TOP + plot_h / 2:.0f}" text-anchor="middle" '
        f'transform="rotate(-90 16 {TOP + plot_h / 2:.0f})">{escape(unit)}</text>',
    ]
    for x in xs:
        parts.append(
            f'<text x="{px(x):.1f}" y="{TOP + plot_h + 18}" text-anchor="middle">{x:,}</text>'
        )
    for step in range(5):
        y = top * step / 4
        parts.append(
            f'<line x1="{LEFT}" y1="{py(y):.1f}" x2="{LEFT + plot_w}" y2="{py(y):.1f}" '
            'stroke="#ddd"/>'
        )
        parts.append(f'<text x="{LEFT - 6}" y="{py(y) + 4:.1f}" text-anchor="end">{y:.3g}</text>')
    for index, (label, points) in enumerate(series.items()):
        colour = COLOURS[index % len(COLOURS)]
        coordinates = " ".join(f"{px(x):.1f},{py(points[x]):.1f}" for x in sorted(points))
        parts.append(
            f'<polyline points="{coordinates}" fill="none" stroke="{colour}" stroke-width="2"/>'
        )
        parts += [
            f'<circle cx="{px(x):.1f}" cy="{py(points[x]):.1f}" r="3" fill="{colour}"/>'
            for x in sorted(points)
        ]
        legend_y = TOP + 10 + index * 18
        parts.append(
            f'<rect x="{WIDTH - RIGHT + 15}" y="{legend_y - 9}" width="12" height="12" '
            f'fill="{colour}"/>'
        )
        parts.append(f'<text x="{WIDTH - RIGHT + 32}" y="{legend_y + 1}">{escape(label)}</text>')
    parts.append("</svg>")
    return "\n".join(parts) + "\n"

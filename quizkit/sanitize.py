"""Sanitise officer-written pages after Markdown rendering, with nh3 (Ammonia).

Markdown passes raw HTML through, so a page could carry a script, an event handler,
a ``javascript:`` link or an iframe. What MkDocs, Material and our Markdown
extensions produce is kept; anything that could run is dropped; the text stays.
"""

from __future__ import annotations

import nh3

# Inline charts may be drawn as SVG: shapes and text only, no scripts, links or foreign content.
SVG_TAGS = {
    "svg",
    "g",
    "text",
    "tspan",
    "title",
    "desc",
    "rect",
    "line",
    "circle",
    "ellipse",
    "polyline",
    "polygon",
    "path",
}
SVG_ATTRIBUTES = {
    "viewBox", "width", "height", "x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "r", "rx", "ry", "points", "d",
    "fill", "stroke", "stroke-width", "font-size", "font-weight", "text-anchor", "dominant-baseline", "transform",
    "preserveAspectRatio", "xmlns",
}  # fmt: skip
TAGS = set(nh3.ALLOWED_TAGS) | SVG_TAGS
GENERIC_ATTRIBUTES = {
    "class",
    "id",
    "title",
    "lang",
    "dir",
    "style",
    "hidden",
    "aria-hidden",
    "aria-label",
    "role",
    "tabindex",
}
ATTRIBUTES: dict[str, set[str]] = {tag: set(attrs) for tag, attrs in nh3.ALLOWED_ATTRIBUTES.items()}
ATTRIBUTES["*"] = GENERIC_ATTRIBUTES
ATTRIBUTES["details"] = {"open"}
ATTRIBUTES["ol"] = {"start"}
for tag in SVG_TAGS:
    ATTRIBUTES[tag] = SVG_ATTRIBUTES
# Inline styles are limited to layout and colour (the county chart is drawn with them).
STYLE_PROPERTIES = {
    "display", "flex", "flex-wrap", "align-items", "justify-content", "gap", "width", "min-width", "max-width",
    "height", "margin", "padding", "background", "background-color", "color", "border-radius", "text-align",
    "white-space", "font-weight", "font-size", "line-height", "overflow-x",
}  # fmt: skip


def sanitize_html(html: str) -> str:
    return nh3.clean(
        html,
        tags=TAGS,
        attributes=ATTRIBUTES,
        # Headings keep their ids and footnotes their links; link_rel is left to the theme.
        link_rel=None,
        url_schemes={"http", "https", "mailto", "tel"},
        strip_comments=True,
        filter_style_properties=STYLE_PROPERTIES,
        # data-* hooks (the home page's offline status line) carry no code.
        generic_attribute_prefixes={"data-"},
    )

"""Sanitise officer-written HTML after Markdown rendering, with nh3 (Ammonia): one function for every page.

Markdown passes raw HTML through and ``attr_list`` sets any attribute, so officer text could carry a
script, an event handler, a ``javascript:``/``data:`` link, a frame, a form or a ``style`` that hides
the page. What MkDocs, Material and our Markdown extensions produce is kept; anything that could run
or restyle is dropped; the text stays.

Generated pages (quizzes, the ledger) mix officer Markdown (a quiz's title and description) with our
own controls, which the sanitiser would strip. Their templates wrap our HTML in ``TRUSTED_START`` /
``TRUSTED_END`` comments; everything outside is sanitised. Officer text on those pages is
HTML-escaped by Jinja before Markdown sees it, so it can never write a comment and forge a marker.
"""

from __future__ import annotations

import re

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
    "hidden",
    "aria-hidden",
    "aria-label",
    "role",
    "tabindex",
}
ATTRIBUTES: dict[str, set[str]] = {tag: set(attrs) for tag, attrs in nh3.ALLOWED_ATTRIBUTES.items()}
ATTRIBUTES["*"] = GENERIC_ATTRIBUTES
ATTRIBUTES["a"] = ATTRIBUTES["a"] | {"target"}
ATTRIBUTES["details"] = {"open"}
ATTRIBUTES["ol"] = {"start"}
for tag in SVG_TAGS:
    ATTRIBUTES[tag] = SVG_ATTRIBUTES
TRUSTED_START = "<!-- quizkit:trusted -->"
TRUSTED_END = "<!-- /quizkit:trusted -->"
# nh3 writes attributes double-quoted with ``"`` and ``>`` escaped, so a tag ends at the first ``>``.
NEW_WINDOW_LINK = re.compile(r'<a\s[^>]*\btarget="_blank"[^>]*>')
REL = re.compile(r'\srel="[^"]*"')


def _no_opener(match: re.Match[str]) -> str:
    # A page opened in a new window must not reach back to ours (window.opener) or learn its address.
    tag = REL.sub("", match.group(0))
    return tag[:-1] + ' rel="noopener noreferrer">'


def sanitize_html(html: str) -> str:
    """Officer HTML with nothing that runs, restyles, submits, frames or redirects."""
    clean = nh3.clean(
        html,
        tags=TAGS,
        attributes=ATTRIBUTES,
        # Headings keep their ids and footnotes their links; only new-window links get a rel.
        link_rel=None,
        url_schemes={"http", "https", "mailto", "tel"},
        strip_comments=True,
        # data-* hooks (the home page's offline status line) carry no code.
        generic_attribute_prefixes={"data-"},
    )
    return NEW_WINDOW_LINK.sub(_no_opener, clean)


def sanitize_generated(html: str) -> str:
    """A generated page: our HTML between the trusted markers as it is, everything else sanitised.

    A marker left unpaired (officer Markdown such as an unclosed fence swallowed the rest) means the
    remainder is sanitised too: the page may lose its controls, but nothing officer-written runs.
    """
    parts = html.split(TRUSTED_START)
    out = [sanitize_html(parts[0])]
    for part in parts[1:]:
        trusted, found, rest = part.partition(TRUSTED_END)
        out += [trusted, sanitize_html(rest)] if found else [sanitize_html(part)]
    return "".join(out)

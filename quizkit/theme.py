"""Our layer over Material's look: the palette and type (``assets/site.css``), the fixes its script
needs for keyboards and screen readers (``assets/a11y.js``), and names its markup lacks.

Nothing is copied from Material: CSS variables are overridden, and the one attribute its search
dialog lacks is added to the built HTML.
"""

from __future__ import annotations

import re

from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.utils import get_relative_url

from .pages.common import SITE_ASSETS

# Material's search overlay is role="dialog" with no accessible name; its hidden checkboxes that open
# the menu and the search have none either (Lighthouse's audit reads them).
SEARCH_DIALOG = re.compile(r'(<div class="md-search" data-md-component="search" role="dialog")(?![^>]*aria-label)')
SEARCH_NAME = "搜索"
TOGGLES = {"drawer": "打开菜单", "search": "打开搜索"}
TOGGLE = re.compile(r'(<input class="md-toggle" data-md-toggle="(\w+)")(?![^>]*aria-label)')


def configure(config: MkDocsConfig) -> None:
    """Our stylesheet after Material's (so its variables win) and the accessibility script on every page."""
    config.extra_css.insert(0, f"{SITE_ASSETS}/site.css")
    script = ExtraScriptValue(f"{SITE_ASSETS}/a11y.js")
    script.type = "module"
    config.extra_javascript.append(script)


# A−/A+ (适老化) before the search button, on every page; textsize.js in <head> applies the size
# remembered on the device before the first paint.
SEARCH_BUTTON = '<label class="md-header__button md-icon" for="__search">'
TEXT_SIZE_CONTROL = (
    '<div class="text-size" role="group" aria-label="字号">'
    # The name starts with the visible text (A−, A+) and says what it does to a screen reader.
    '<button type="button" class="md-header__button text-size__button" data-text-size-step="smaller"'
    ' title="缩小字号">A−<span class="text-size__name">缩小字号</span></button>'
    '<button type="button" class="md-header__button text-size__button" data-text-size-step="larger"'
    ' title="放大字号">A+<span class="text-size__name">放大字号</span></button></div>'
)


def text_size_control(html: str, page_url: str) -> str:
    """The A−/A+ control in the header and its script in the head."""
    script = f'<script src="{get_relative_url(f"{SITE_ASSETS}/textsize.js", page_url)}"></script>'
    html = html.replace("</head>", script + "</head>", 1)
    return html.replace(SEARCH_BUTTON, TEXT_SIZE_CONTROL + SEARCH_BUTTON, 1)


def name_search_dialog(html: str) -> str:
    """The search dialog and Material's two toggles, named."""
    html = SEARCH_DIALOG.sub(rf'\1 aria-label="{SEARCH_NAME}"', html, count=1)
    return TOGGLE.sub(
        lambda m: (
            f'{m.group(1)} aria-label="{TOGGLES[m.group(2)]}" tabindex="-1"' if m.group(2) in TOGGLES else m.group(0)
        ),
        html,
    )

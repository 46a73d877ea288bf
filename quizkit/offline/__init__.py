"""Offline use after one visit: the service worker, its precache list, the web app manifest, icons.

Called from the quizzes plugin's events; each function does one step:

- ``configure``  (on_config): the registration module on every page, and the banner's styles;
- ``files``      (on_files): the browser files, Workbox's runtime, the manifest and the icons;
- ``head_tags``  (on_post_page): the manifest link and the theme colour in each page's head;
- ``write_service_worker`` (on_post_build): ``sw.js`` with every built file and its revision.
"""

from __future__ import annotations

import base64
import hashlib
import json
import posixpath
import re
from collections.abc import Collection
from pathlib import Path

from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url

from .icons import icon

ASSETS = Path(__file__).parent / "assets"
SITE_FOLDER = "assets/offline"
# The four Workbox runtime libraries the service worker imports, in dependency order.
WORKBOX = ("workbox-core", "workbox-routing", "workbox-strategies", "workbox-precaching")
MANIFEST = "manifest.webmanifest"
ICONS = {"icon-192.png": (192, False), "icon-512.png": (512, False), "icon-maskable-512.png": (512, True)}
# Primary colours for the manifest and the address bar: Material's 400 shades, but red as assets/quiz/site.css sets it.
THEME_COLOURS = {"red": "#c62828", "indigo": "#4051b5", "blue": "#2094f3", "teal": "#009485", "green": "#4cae4f"}
DEFAULT_COLOUR = THEME_COLOURS["red"]
# Never precached: the service worker itself, source maps, the sitemaps.
# The officer's workbench files (the full stdlib, the wheels) are for the officer's page alone.
SKIP = re.compile(r"^sw\.js$|\.map$|^sitemap\.xml(\.gz)?$|^assets/officer/")
LUNR = "assets/javascripts/lunr/"
PLACEHOLDER = '"__PRECACHE_MANIFEST__"'
ENGINE_PLACEHOLDER = '"__ENGINE_FILES__"'
# engine.json (quizkit/engine/files.py) lists the engine's files relative to itself.
ENGINE_MANIFEST = "assets/pyodide/engine.json"


def theme_colour(config: MkDocsConfig) -> str:
    palette = config.theme.get("palette") or {}
    if isinstance(palette, list):
        palette = palette[0] if palette else {}
    return THEME_COLOURS.get(str(palette.get("primary", "red")), DEFAULT_COLOUR)


def configure(config: MkDocsConfig) -> None:
    script = ExtraScriptValue(f"{SITE_FOLDER}/register.js")
    script.type = "module"
    config.extra_javascript.append(script)
    config.extra_css.append(f"{SITE_FOLDER}/offline.css")


def web_manifest(config: MkDocsConfig) -> bytes:
    colour = theme_colour(config)
    manifest = {
        "name": config.site_name,
        "short_name": "干部学习",
        "description": config.site_description or config.site_name,
        "lang": "zh-CN",
        "start_url": "./",
        "scope": "./",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": colour,
        "icons": [
            {
                "src": f"{SITE_FOLDER}/{name}",
                "sizes": f"{size}x{size}",
                "type": "image/png",
                "purpose": "maskable" if maskable else "any",
            }
            for name, (size, maskable) in ICONS.items()
        ],
    }
    return json.dumps(manifest, ensure_ascii=False, indent=2).encode("utf-8")


def files(config: MkDocsConfig, node_modules: Path) -> list[File]:
    """Everything the offline layer adds to the site (``sw.js`` comes after the build)."""
    colour = theme_colour(config)
    added = [
        File.generated(config, f"{SITE_FOLDER}/{name}", abs_src_path=str(ASSETS / name))
        for name in ("register.js", "offline.css")
    ]
    for library in WORKBOX:
        source = node_modules / library / "build" / f"{library}.prod.js"
        added.append(File.generated(config, f"{SITE_FOLDER}/workbox/{source.name}", abs_src_path=str(source)))
    for name, (size, maskable) in ICONS.items():
        added.append(File.generated(config, f"{SITE_FOLDER}/{name}", content=icon(size, colour, maskable)))
    added.append(File.generated(config, MANIFEST, content=web_manifest(config)))
    return added


def head_tags(output: str, page_url: str, config: MkDocsConfig) -> str:
    """Link the manifest, the home-screen icon and the theme colour from a built page."""

    def rel(url: str) -> str:
        return get_relative_url(url, page_url)

    tags = (
        f'<link rel="manifest" href="{rel(MANIFEST)}">'
        f'<meta name="theme-color" content="{theme_colour(config)}">'
        f'<link rel="apple-touch-icon" href="{rel(f"{SITE_FOLDER}/icon-192.png")}">'
    )
    return output.replace("</head>", tags + "</head>", 1)


def _search_languages(site_dir: Path) -> list[str]:
    index = site_dir / "search" / "search_index.json"
    if not index.is_file():
        return []
    languages: list[str] = json.loads(index.read_text(encoding="utf-8")).get("config", {}).get("lang", [])
    return languages


def engine_entries(site_dir: Path) -> list[dict[str, str | int]]:
    """The engine's files from ``engine.json``, with URLs from the site's root (none without it)."""
    path = site_dir / ENGINE_MANIFEST
    if not path.is_file():
        return []
    base = posixpath.dirname(ENGINE_MANIFEST)
    files: list[dict[str, str | int]] = json.loads(path.read_bytes())["files"]
    return [{**entry, "url": posixpath.normpath(posixpath.join(base, str(entry["url"])))} for entry in files]


def precache_entries(site_dir: Path, leave_out: Collection[str] = ()) -> list[dict[str, str]]:
    """Every built file the site needs offline but ``leave_out``, sorted by URL, each with a revision
    and the integrity (SHA-256) Workbox checks the download against.

    Lunr's language files are left out when search runs in English only (ours: Chinese is
    segmented into words at build time), as they are never loaded then.
    """
    skip_lunr = set(_search_languages(site_dir)) <= {"en"}
    entries = []
    for path in sorted(site_dir.rglob("*")):
        url = path.relative_to(site_dir).as_posix()
        if not path.is_file() or SKIP.search(url) or (skip_lunr and url.startswith(LUNR)) or url in leave_out:
            continue
        digest = hashlib.sha256(path.read_bytes()).digest()
        integrity = "sha256-" + base64.b64encode(digest).decode("ascii")
        entries.append({"url": url, "revision": digest.hex()[:16], "integrity": integrity})
    return entries


def write_service_worker(site_dir: Path) -> list[dict[str, str]]:
    engine = engine_entries(site_dir)
    entries = precache_entries(site_dir, {str(entry["url"]) for entry in engine})
    template = (ASSETS / "sw.js").read_text(encoding="utf-8")
    listing = json.dumps(entries, separators=(",", ":"))
    engine_listing = json.dumps(engine, separators=(",", ":"))
    script = template.replace(PLACEHOLDER, listing).replace(ENGINE_PLACEHOLDER, engine_listing)
    (site_dir / "sw.js").write_text(script, encoding="utf-8")
    return entries

"""The web page: a fixed set of static files, read once from the package into memory.

Only the names listed in ``ASSETS`` can be served; no part of a request path is ever used to open a file.
"""
from __future__ import annotations

from importlib import resources

from fastapi import HTTPException, Path
from fastapi.responses import Response

#: file name -> media type (the whole web page; no build step, no network)
ASSETS: dict[str, str] = {
    "index.html": "text/html; charset=utf-8",
    "style.css": "text/css; charset=utf-8",
    "api.js": "text/javascript; charset=utf-8",
    "charts.js": "text/javascript; charset=utf-8",
    "views.js": "text/javascript; charset=utf-8",
    "article.js": "text/javascript; charset=utf-8",
    "app.js": "text/javascript; charset=utf-8",
    "live.js": "text/javascript; charset=utf-8",
}

#: the page's own rules: nothing but this origin (works offline, no CDN)
CSP = ("default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
       "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'")


def load_assets() -> dict[str, bytes]:
    root = resources.files("dateline.serve") / "static"
    return {name: (root / name).read_bytes() for name in ASSETS}


_CACHE: dict[str, bytes] | None = None


def _assets() -> dict[str, bytes]:
    global _CACHE
    if _CACHE is None:
        _CACHE = load_assets()
    return _CACHE


def _send(name: str) -> Response:
    return Response(_assets()[name], media_type=ASSETS[name],
                    headers={"Content-Security-Policy": CSP, "X-Content-Type-Options": "nosniff",
                             "Cache-Control": "no-cache"})


def index() -> Response:
    """The analyst web page."""
    return _send("index.html")


#: the OpenAPI docs page's files: Swagger UI 5 as shipped in the pip package fastapi-offline (no CDN)
DOCS_ASSETS: dict[str, str] = {
    "swagger-ui-bundle.js": "text/javascript; charset=utf-8",
    "swagger-ui.css": "text/css; charset=utf-8",
}
_DOCS_CACHE: dict[str, bytes] = {}


def docs() -> Response:
    """Swagger UI for /openapi.json, served with its own files (works offline)."""
    from fastapi.openapi.docs import get_swagger_ui_html

    return get_swagger_ui_html(openapi_url="/openapi.json", title="dateline API",
                               swagger_js_url="/docs-assets/swagger-ui-bundle.js",
                               swagger_css_url="/docs-assets/swagger-ui.css", swagger_favicon_url="data:,")


def docs_asset(name: str = Path(..., max_length=40)) -> Response:
    """A file of the docs page (only the fixed list of names)."""
    if name not in DOCS_ASSETS:
        raise HTTPException(404, detail="not found")
    if name not in _DOCS_CACHE:
        _DOCS_CACHE[name] = (resources.files("fastapi_offline") / "static" / name).read_bytes()
    return Response(_DOCS_CACHE[name], media_type=DOCS_ASSETS[name], headers={"Cache-Control": "max-age=86400"})


def asset(name: str = Path(..., max_length=40)) -> Response:
    """A static file of the page (only the fixed list of names)."""
    if name not in ASSETS:
        raise HTTPException(404, detail="not found")
    return _send(name)

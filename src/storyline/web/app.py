"""The web app and JSON API over a store (FastAPI; `storyline serve`).

Pages are rendered on the server from the same view data as the API; the little JavaScript
there is lives in static files, and every response forbids inline and foreign scripts
(Content-Security-Policy), so a `<script>` inside an article can never run. Writes (adding
articles) go to one writer process (`jobs.py`); reads never wait for it.
"""

from __future__ import annotations

import hmac
import ipaddress
import threading
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.trustedhost import TrustedHostMiddleware

from storyline.store import Store, StoreError
from storyline.web.jobs import Writer
from storyline.web.uploads import UploadError

DEFAULT_MAX_UPLOAD_BYTES = 20 * 1024 * 1024
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
_SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}
LOOPBACK_NAMES = ["127.0.0.1", "localhost", "::1", "[::1]"]


class ApiError(Exception):
    """An error answered as JSON (API) or an error page, with its HTTP status."""

    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status = status
        self.reason = reason


@dataclass
class Context:
    """What every request handler shares: the store, the writer, caches of story data."""

    store_path: Path
    token: str | None
    max_upload_bytes: int
    writer: Writer
    templates: Environment
    _local: threading.local = field(default_factory=threading.local)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _views: dict[str, tuple[int, dict[str, Any]]] = field(default_factory=dict)
    _timelines: dict[str, tuple[int, bytes]] = field(default_factory=dict)
    _making: dict[str, threading.Lock] = field(default_factory=dict)

    def store(self) -> Store:
        """This thread's connection to the store (SQLite connections stay in their thread)."""
        store = getattr(self._local, "store", None)
        if store is None:
            store = self._local.store = Store(self.store_path)
        return store  # type: ignore[no-any-return]

    def version(self, name: str) -> int:
        """The story's version; 404 for an unknown story."""
        version = self.store().version(name)
        if version == 0:
            raise ApiError(404, f"no story {name!r}")
        return version

    def view(self, name: str) -> tuple[int, dict[str, Any]]:
        """The story's version and view data, parsed once per version."""
        version = self.version(name)
        cached = self._views.get(name)
        if cached is None or cached[0] != version:
            view = self.store().view(name)
            version = self.version(name)  # an add may have landed in between: never newer data under an older tag
            with self._lock:
                self._views[name] = cached = (version, view)
        return cached

    def timeline(self, name: str) -> tuple[int, bytes]:
        """The story's version and gzip-compressed timeline.json, made once per version by one
        thread. While the writer adds to the story or another thread makes a newer version,
        readers get the last one made (a consistent story, one add older). The writer makes it
        after each of its adds and hands it over before the add's job is reported done (`made`),
        so a client that waited for its add reads what it added, and this process does not stop
        answering to make it; an add by another process (`storyline add`) is made here on the
        first read."""
        version = self.version(name)
        cached = self._timelines.get(name)
        if cached is not None and cached[0] == version:
            return cached
        if cached is not None and self.writer.busy(name):
            return cached  # the writer is adding to it and will hand over what it makes
        with self._lock:
            making = self._making.setdefault(name, threading.Lock())
        if not making.acquire(blocking=cached is None):
            return cached  # type: ignore[return-value]  # (only when cached is not None)
        try:
            cached = self._timelines.get(name)
            if cached is None or cached[0] != self.version(name):
                cached = self.store().timeline_gzip(name)
                with self._lock:
                    self._timelines[name] = cached
        finally:
            making.release()
        return cached

    def made(self, name: str, timeline: tuple[int, bytes]) -> None:
        """The writer's add to a story has landed, and the writer made its timeline.json (so
        that this process spends no time on it): keep it, unless a newer one is kept."""
        with self._lock:
            cached = self._timelines.get(name)
            if cached is None or cached[0] < timeline[0]:
                self._timelines[name] = timeline

    def check_write(self, request: Request, form_token: str | None = None) -> None:
        """Refuse a write from another site, or without the token when one is set."""
        origin = request.headers.get("origin")
        if origin is not None and origin != f"{request.url.scheme}://{request.url.netloc}":
            raise ApiError(403, "cross-site request refused")
        if self.token is None:
            return
        given = request.headers.get("x-storyline-token") or form_token or ""
        bearer = request.headers.get("authorization", "")
        if bearer.lower().startswith("bearer "):
            given = bearer[7:]
        if not hmac.compare_digest(given.encode(), self.token.encode()):
            raise ApiError(401, "a valid token is needed to add articles (header X-Storyline-Token or Bearer)")


def context(request: Request) -> Context:
    """The app's shared context."""
    return request.app.state.ctx  # type: ignore[no-any-return]


def create_app(
    store_path: str | Path, *, token: str | None = None, max_upload_bytes: int = DEFAULT_MAX_UPLOAD_BYTES,
    allowed_hosts: list[str] | None = None, writer_in_process: bool = False,
) -> FastAPI:
    """The web app for one store; `allowed_hosts` guards against DNS rebinding on loopback."""
    from storyline.web.api import router as api_router
    from storyline.web.pages import router as pages_router

    path = Path(store_path)
    Store(path).close()  # create or migrate it now: a bad file fails at start, not on a request
    writer = Writer(path, in_process=writer_in_process)
    templates = Environment(loader=PackageLoader("storyline.web", "templates"),
                            autoescape=select_autoescape(default=True, default_for_string=True))

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        writer.warm_up()
        yield
        writer.close()

    app = FastAPI(title="Storyline", version="1", lifespan=lifespan, docs_url=None, redoc_url=None,
                  description="Stories as dated, source-cited timelines: read them, search them, add articles.")
    app.state.ctx = Context(path, token, max_upload_bytes, writer, templates)
    writer.on_done = app.state.ctx.made
    app.include_router(api_router)
    app.include_router(pages_router)
    app.mount("/static", StaticFiles(directory=str(files("storyline.web").joinpath("static"))), name="static")
    if allowed_hosts is not None:
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts)

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        response = await call_next(request)
        for name, value in _SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        return response

    _error_handlers(app, templates)
    return app


def _error_handlers(app: FastAPI, templates: Environment) -> None:
    def answer(request: Request, status: int, reason: str, details: Any = None) -> Response:
        if request.url.path.startswith("/api"):
            body: dict[str, Any] = {"error": reason}
            if details is not None:
                body["details"] = details
            return JSONResponse(body, status_code=status)
        html = templates.get_template("error.html.j2").render(status=status, reason=reason)
        return HTMLResponse(html, status_code=status)

    @app.exception_handler(ApiError)
    async def api_error(request: Request, err: ApiError) -> Response:
        return answer(request, err.status, err.reason)

    @app.exception_handler(UploadError)
    async def upload_error(request: Request, err: UploadError) -> Response:
        return answer(request, err.status, err.reason)

    @app.exception_handler(StoreError)
    async def store_error(request: Request, err: StoreError) -> Response:
        return answer(request, 400, str(err))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, err: StarletteHTTPException) -> Response:
        return answer(request, err.status_code, str(err.detail))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, err: RequestValidationError) -> Response:
        details = [{"where": list(e.get("loc", ())), "problem": e.get("msg", "")} for e in err.errors()]
        return answer(request, 422, "invalid request", details)


def is_loopback(host: str) -> bool:
    """Whether an address to listen on is reachable from this machine only."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def run(store_path: str | Path, *, host: str = "127.0.0.1", port: int = 8000, token: str | None = None,
        max_upload_bytes: int = DEFAULT_MAX_UPLOAD_BYTES) -> None:
    """Serve the app until interrupted; ValueError for an unsafe setup (off loopback, no token)."""
    import uvicorn

    loopback = is_loopback(host)
    if not loopback and not token:
        raise ValueError(f"listening on {host} (not loopback) lets others add articles: "
                         "set --token or STORYLINE_TOKEN")
    app = create_app(store_path, token=token, max_upload_bytes=max_upload_bytes,
                     allowed_hosts=LOOPBACK_NAMES if loopback else None)
    uvicorn.run(app, host=host, port=port, log_level="info", access_log=False)

"""The HTML pages: the list of stories, a story, an article, and the API's documentation."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from storyline.store.sqlite import STORY_NAME
from storyline.web import views
from storyline.web.api import submit
from storyline.web.app import ApiError, Context, context

router = APIRouter(include_in_schema=False)


def _page(ctx: Context, template: str, **values: Any) -> HTMLResponse:
    html = ctx.templates.get_template(template).render(token_required=ctx.token is not None, **values)
    return HTMLResponse(html)


@router.get("/", response_class=HTMLResponse)
def home(request: Request) -> HTMLResponse:
    """The stories in the store."""
    ctx = context(request)
    return _page(ctx, "stories.html.j2", stories=ctx.store().stories())


@router.get("/stories/{story}", response_class=HTMLResponse)
def story_page(
    story: str, request: Request,
    outlet: Annotated[str | None, Query(max_length=200)] = None,
    start: Annotated[str | None, Query(alias="from", max_length=10)] = None,
    end: Annotated[str | None, Query(alias="to", max_length=10)] = None,
    q: Annotated[str | None, Query(max_length=500)] = None,
    job: Annotated[str | None, Query(max_length=40)] = None,
) -> HTMLResponse:
    """A story: coverage, summary, the timeline (filtered), search hits, figures, run report."""
    ctx = context(request)
    version, view = ctx.view(story)
    info = next(i for i in ctx.store().stories() if i.name == story)
    first, last = _day(start), _day(end)
    outlet = outlet or None
    entries = views.filter_timeline(view, outlet, first, last)
    hits = ctx.store().search(story, q) if q and q.strip() else []
    dates = {entry["date"] for entry in view["timeline"]}
    titles = {a["id"]: a["title"] or "(untitled)" for a in view["articles"]}
    report = view["report"]
    running = ctx.writer.get(job) if job else None
    return _page(
        ctx, "story.html.j2", story=story, info=info, view=view, version=version, entries=entries,
        outlets=views.outlets(view), outlet=outlet, start=start or "", end=end or "", q=q or "", hits=hits,
        timeline_dates=dates, titles=titles, chart=views.coverage_chart(view),
        figures=views.figure_rows(view), report=report,
        notable=[r for r in report["inputs"] if r["state"] != "article"],
        sources=view["articles"][: views.MAX_SOURCES_SHOWN], job=running,
        filtered=bool(outlet or first or last),
    )


@router.post("/stories/{story}/upload")
async def upload(story: str, request: Request) -> Response:
    """The add form without JavaScript: queue the files, then show the story with progress."""
    job = await submit(context(request), request, story)
    return RedirectResponse(f"/stories/{story}?job={job.id}", status_code=303)


@router.get("/new", response_class=HTMLResponse)
def new_story(request: Request, name: Annotated[str, Query(max_length=64)] = "") -> Response:
    """The add form for a story that has no articles yet (from the list page's form)."""
    ctx = context(request)
    name = name.strip()
    if not STORY_NAME.fullmatch(name):
        raise ApiError(400, f"story name {name[:80]!r}: use letters, digits, '.', '_' or '-' (at most 64)")
    if ctx.store().version(name):
        return RedirectResponse(f"/stories/{name}", status_code=303)
    return _page(ctx, "new_story.html.j2", story=name)


@router.get("/stories/{story}/articles/{article_id}", response_class=HTMLResponse)
def article_page(
    story: str, article_id: str, request: Request,
    hl: Annotated[str | None, Query(max_length=30)] = None,
) -> HTMLResponse:
    """An article's cleaned text, quoted spans marked and linked to their timeline dates."""
    ctx = context(request)
    _, view = ctx.view(story)
    found = ctx.store().article(story, article_id, view)
    if found is None:
        raise ApiError(404, f"no article {article_id!r} in story {story!r}")
    cited = views.citations_of(view, article_id)
    hit = views.hit_span(hl)
    paragraphs = views.paragraphs(found["text"], cited, hit)
    return _page(ctx, "article.html.j2", story=story, article=found, paragraphs=paragraphs,
                 url=views.safe_url(found["source"]), cited=len(cited), hit=hit is not None)


@router.get("/docs", response_class=HTMLResponse)
def api_docs(request: Request) -> HTMLResponse:
    """The API, from its OpenAPI description (also at /openapi.json)."""
    return _page(context(request), "docs.html.j2", operations=views.api_docs(request.app.openapi()))


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError as err:
        raise ApiError(400, f"{value!r} is not a date (YYYY-MM-DD)") from err

"""The JSON API: stories, their timeline (timeline.json), articles, search, and adding articles.

Errors are JSON: `{"error": "the reason"}` with a 4xx status for anything the client can fix.
"""

from __future__ import annotations

import asyncio
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, Response
from starlette.datastructures import UploadFile

from storyline.settings import DEFAULT
from storyline.store.records import to_data
from storyline.store.sqlite import STORY_NAME
from storyline.web.app import ApiError, Context, context
from storyline.web.jobs import Job
from storyline.web.uploads import Batch, read_files, read_jsonl_body
from storyline.web.views import citations_of

router = APIRouter(prefix="/api", tags=["api"])

MAX_FILES = 100
JSONL_TYPES = ("application/x-ndjson", "application/jsonl", "application/json-lines", "application/json",
               "text/plain", "")
# How long a waiting POST holds its connection before answering 202 with the job to poll.
WAIT_SECONDS = 600.0
_ADD_BODY = {
    "required": True,
    "content": {
        "application/x-ndjson": {"schema": {"type": "string", "description":
                                 "One article per line: {\"text\" or \"html\", \"url\", \"title\", \"published\", \"outlet\", \"id\"}"}},
        "multipart/form-data": {"schema": {"type": "object", "properties": {
            "files": {"type": "array", "items": {"type": "string", "format": "binary"},
                      "description": "Files of any supported type (.txt, .html, .jsonl, .rss, .atom, .xml, .warc, .warc.gz)"}}}},
    },
}


@router.get("/stories", summary="List the stories")
def stories(request: Request) -> list[dict[str, Any]]:
    """Every story with its counts, first and last publication date and last update."""
    return [to_data(info) for info in context(request).store().stories()]


@router.get("/stories/{story}/timeline", summary="A story's timeline.json",
            responses={200: {"content": {"application/json": {}}}, 304: {"description": "not changed"}})
def timeline(story: str, request: Request) -> Response:
    """The whole story in the shape of timeline.json (docs/output.md): the data `storyline
    export` writes, as compact JSON. Sent gzip-compressed to clients that accept it; the ETag
    changes with every add."""
    version, compressed = context(request).timeline(story)
    etag = f'"{story}-{version}"'
    if request.headers.get("if-none-match") == etag:
        return Response(status_code=304, headers={"ETag": etag})
    headers = {"ETag": etag, "Vary": "Accept-Encoding", "Cache-Control": "no-cache"}
    if "gzip" in request.headers.get("accept-encoding", ""):
        return Response(compressed, media_type="application/json", headers={**headers, "Content-Encoding": "gzip"})
    import gzip

    return Response(gzip.decompress(compressed), media_type="application/json", headers=headers)


@router.get("/stories/{story}/articles", summary="A story's articles")
def articles(story: str, request: Request) -> list[dict[str, Any]]:
    """The story's articles (duplicates merged) without their texts, in the order added."""
    return context(request).view(story)[1]["articles"]  # type: ignore[no-any-return]


@router.get("/stories/{story}/articles/{article_id}", summary="One article, with its text")
def article(story: str, article_id: str, request: Request) -> dict[str, Any]:
    """An article as in timeline.json (cleaned text, removed lines) and the spans of it that
    the timeline quotes, with their dates."""
    ctx = context(request)
    view = ctx.view(story)[1]
    found = ctx.store().article(story, article_id, view)
    if found is None:
        raise ApiError(404, f"no article {article_id!r} in story {story!r}")
    found["citations"] = [{"date": day, "start": s, "end": e} for s, e, day in citations_of(view, article_id)]
    return found


@router.get("/stories/{story}/search", summary="Full-text search of a story's sentences")
def search(
    story: str, request: Request,
    q: Annotated[str, Query(min_length=1, max_length=500, description='Words that must all appear; "a phrase"; prefix*')],
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
) -> dict[str, Any]:
    """Sentences with all the words (stemmed: "evacuate" finds "evacuated"), best first; each
    hit has its article, character span, the day it reports on and the matched spans."""
    ctx = context(request)
    view = ctx.view(story)[1]
    dates = {entry["date"] for entry in view["timeline"]}
    hits = [{**to_data(hit), "on_timeline": hit.day in dates} for hit in ctx.store().search(story, q, limit)]
    return {"query": q, "hits": hits}


@router.post("/stories/{story}/articles", summary="Add articles to a story", status_code=200,
             openapi_extra={"requestBody": _ADD_BODY},
             responses={202: {"description": "accepted; poll the job"}, 400: {}, 401: {}, 403: {}, 413: {}, 415: {}})
async def add(
    story: str, request: Request,
    wait: Annotated[bool, Query(description="Answer when the add is done (else 202 with the job)")] = True,
) -> Response:
    """Add a JSONL body (one article per line) or uploaded files (multipart, field `files`)
    to a story, which is created when new. The answer lists every input's fate: `article`,
    `duplicate` (of another article, or already in the store) or `skipped` with the reason."""
    ctx = context(request)
    job = await submit(ctx, request, story)
    if not wait:
        return JSONResponse({"job": job.id, "status": f"/api/jobs/{job.id}"}, status_code=202)
    return await finished(job)


@router.get("/jobs/{job_id}", summary="Progress of an add")
def job_status(job_id: str, request: Request) -> dict[str, Any]:
    """State (queued, running, done, failed), stage, progress, and the result when done."""
    job = context(request).writer.get(job_id)
    if job is None:
        raise ApiError(404, f"no job {job_id!r} (finished jobs are forgotten after a while)")
    return job.as_dict()


async def submit(ctx: Context, request: Request, story: str) -> Job:
    """Check, read and queue the articles of a request (JSONL body or multipart files)."""
    if not STORY_NAME.fullmatch(story):
        raise ApiError(400, f"story name {story[:80]!r}: use letters, digits, '.', '_' or '-'")
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type == "multipart/form-data":
        body = await read_body(request, ctx.max_upload_bytes)
        form = await _replayed(request, body).form(
            max_files=MAX_FILES, max_fields=10, max_part_size=ctx.max_upload_bytes)
        ctx.check_write(request, _text_field(form.get("token")))
        uploads = [(item.filename or "", await item.read()) for _, item in form.multi_items()
                   if isinstance(item, UploadFile)]
        pasted = _text_field(form.get("jsonl"))
        if pasted and pasted.strip():
            uploads.append(("pasted.jsonl", pasted.encode("utf-8")))
        if not uploads:
            raise ApiError(400, "no file: send files in the field `files` (or JSONL in `jsonl`)")
        batch: Batch = await run_in_threadpool(read_files, uploads, DEFAULT)
    elif content_type in JSONL_TYPES:
        ctx.check_write(request)
        body = await read_body(request, ctx.max_upload_bytes)
        batch = await run_in_threadpool(read_jsonl_body, body, DEFAULT)
    else:
        raise ApiError(415, f"unsupported content type {content_type!r}: send JSONL "
                            "(application/x-ndjson) or files (multipart/form-data)")
    return ctx.writer.submit(story, batch.raw, batch.skipped)


async def finished(job: Job) -> Response:
    """The job's result once done (or 202 if it takes longer than WAIT_SECONDS)."""
    waited = 0.0
    while not job.finished.is_set() and waited < WAIT_SECONDS:
        await asyncio.sleep(0.02)
        waited += 0.02
    if not job.finished.is_set():
        return JSONResponse({"job": job.id, "status": f"/api/jobs/{job.id}"}, status_code=202)
    if job.state == "failed":
        return JSONResponse({"error": job.error, "job": job.id}, status_code=job.status)
    return JSONResponse(job.result)


async def read_body(request: Request, limit: int) -> bytes:
    """The request body, or 413 as soon as it passes `limit` bytes."""
    length = request.headers.get("content-length", "")
    if length.isdigit() and int(length) > limit:
        raise ApiError(413, f"request too large ({int(length):,} bytes; limit {limit:,})")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise ApiError(413, f"request too large (over the limit of {limit:,} bytes)")
        chunks.append(chunk)
    return b"".join(chunks)


def _replayed(request: Request, body: bytes) -> Request:
    # The body was read already (to enforce the limit): hand it to the form parser again.
    sent = False

    async def receive() -> dict[str, Any]:
        nonlocal sent
        if sent:
            return {"type": "http.disconnect"}
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    return Request(request.scope, receive)


def _text_field(value: object) -> str | None:
    return value if isinstance(value, str) else None

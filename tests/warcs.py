"""Build small WARC files by hand for tests (the format is plain text headers + payload)."""

from __future__ import annotations

import gzip

PAGE = (
    "<html><head><title>Quay fire</title><meta property='og:site_name' content='Harbour Herald'>"
    "</head><body><nav>Home | World</nav><article><p>Firefighters battled a blaze at the East Quay"
    " warehouse late on Monday, the fire service said in a statement on Tuesday.</p><p>At least 14"
    " people were killed and more than 120 were injured in the explosion, officials said.</p>"
    "</article></body></html>"
)


def http_response(body: str, content_type: str = "text/html; charset=utf-8", status: str = "200 OK") -> bytes:
    payload = body.encode("utf-8")
    head = f"HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {len(payload)}\r\n\r\n"
    return head.encode("ascii") + payload


def record(uri: str, block: bytes, date: str = "2025-03-05T10:00:00Z", kind: str = "response") -> bytes:
    head = (
        "WARC/1.0\r\n"
        f"WARC-Type: {kind}\r\n"
        f"WARC-Target-URI: {uri}\r\n"
        f"WARC-Date: {date}\r\n"
        f"WARC-Record-ID: <urn:uuid:{abs(hash((uri, kind))):032x}>\r\n"
        "Content-Type: application/http; msgtype=response\r\n"
        f"Content-Length: {len(block)}\r\n\r\n"
    )
    return head.encode("ascii") + block + b"\r\n\r\n"


def sample_warc(gzipped: bool) -> bytes:
    """Three responses: an HTML article, a PDF, and a 404."""
    records = [
        record("https://herald.example/2025/03/05/quay-fire", http_response(PAGE)),
        record("https://herald.example/report.pdf", http_response("%PDF-1.4", "application/pdf")),
        record("https://herald.example/missing", http_response("<html>gone</html>", status="404 Not Found")),
    ]
    if gzipped:
        return b"".join(gzip.compress(r) for r in records)
    return b"".join(records)

"""Embed the engine in a small web handler (WSGI, standard library only).

POST a project document (JSON or YAML) to /appraise and get the appraisal back as JSON, or
as an HTML report with ``?format=html``. A bad document gets 422 with every problem and its
path, as JSON. The engine is pure, so the handler needs no locks and can serve many threads.

Run it as a server:   python examples/web_handler.py --serve 8000
Run the self-check:   python examples/web_handler.py   (calls the app in-process, no network)
"""

from __future__ import annotations

import io
import json
import sys
from collections.abc import Callable, Iterable
from typing import Any
from urllib.parse import parse_qs
from wsgiref.simple_server import make_server
from wsgiref.util import setup_testing_defaults

from coproduce import appraise
from coproduce.errors import DocumentError
from coproduce.io import dump_appraisal, dump_project, load_example, load_project
from coproduce.report import to_html

MAX_BYTES = 1_000_000
StartResponse = Callable[[str, list[tuple[str, str]]], Any]


def app(environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
    """The WSGI application."""
    if environ["PATH_INFO"] != "/appraise" or environ["REQUEST_METHOD"] != "POST":
        return _send(start_response, "404 Not Found", {"error": "POST a project to /appraise"})
    length = int(environ.get("CONTENT_LENGTH") or 0)
    if length > MAX_BYTES:
        return _send(start_response, "413 Content Too Large", {"error": "document too large"})
    body = environ["wsgi.input"].read(length)
    try:
        project = load_project(body)
    except DocumentError as exc:
        problems = [
            {"path": i.path, "code": i.code, "message": i.message, "expected": i.expected}
            for i in exc.issues
        ]
        return _send(start_response, "422 Unprocessable Content", {"problems": problems})
    result = appraise(project)
    if parse_qs(environ.get("QUERY_STRING", "")).get("format") == ["html"]:
        page = to_html(result).encode("utf-8")
        start_response("200 OK", [("Content-Type", "text/html; charset=utf-8")])
        return [page]
    start_response("200 OK", [("Content-Type", "application/json")])
    return [dump_appraisal(result).encode("utf-8")]


def _send(start_response: StartResponse, status: str, payload: object) -> list[bytes]:
    start_response(status, [("Content-Type", "application/json")])
    return [json.dumps(payload).encode("utf-8")]


def call(body: bytes, query: str = "") -> tuple[str, bytes]:
    """Call the app in-process, as a server would."""
    environ: dict[str, Any] = {
        "REQUEST_METHOD": "POST",
        "PATH_INFO": "/appraise",
        "QUERY_STRING": query,
        "CONTENT_LENGTH": str(len(body)),
        "wsgi.input": io.BytesIO(body),
    }
    setup_testing_defaults(environ)
    status: list[str] = []
    chunks = app(environ, lambda s, headers: status.append(s))
    return status[0], b"".join(chunks)


def main(argv: list[str]) -> int:
    if argv[1:2] == ["--serve"]:
        port = int(argv[2]) if len(argv) > 2 else 8000
        print(f"serving on http://127.0.0.1:{port}/appraise", file=sys.stderr)
        make_server("127.0.0.1", port, app).serve_forever()
        return 0
    status, body = call(dump_project(load_example("contested-policy")).encode())
    assert status == "200 OK", status
    verdict = json.loads(body)["emphasis"]["verdict"]
    print(f"200: verdict {verdict}")
    status, body = call(b'{"schema_version": 1, "title": 7}')
    assert status.startswith("422"), status
    print(f"422: {json.loads(body)['problems'][0]}")
    status, body = call(b"schema_version: 1\ntitle: A YAML project\n", "format=html")
    assert status == "200 OK" and body.startswith(b"<!doctype html>")
    print(f"200: HTML report, {len(body)} bytes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))

"""A local HTTP server for feed tests (127.0.0.1, a free port): feeds that can change, fail or time out."""
from __future__ import annotations

import hashlib
import threading
import time
from email.utils import format_datetime
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

ITEM = """<item><title>{title}</title><link>http://news.example/{slug}</link><guid>{slug}</guid>
<pubDate>{date}</pubDate><description>{text}</description></item>"""


def rss(items: list[dict[str, str]], title: str = "Local Wire") -> bytes:
    body = "".join(ITEM.format(**it) for it in items)
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>{title}</title>'
            f"<link>http://news.example/</link><description>test</description>{body}</channel></rss>").encode()


class FeedServer:
    """``routes``: path -> bytes (served with an ETag and 304 on a match), an int (that HTTP status), or
    ("sleep", seconds). ``hits`` counts requests per path, ``not_modified`` the 304 answers."""

    def __init__(self) -> None:
        self.routes: dict[str, Any] = {}
        self.hits: dict[str, int] = {}
        self.not_modified = 0
        self.agents: list[str] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def do_GET(self) -> None:  # noqa: N802
                server.hits[self.path] = server.hits.get(self.path, 0) + 1
                server.agents.append(self.headers.get("User-Agent", ""))
                route = server.routes.get(self.path, 404)
                if isinstance(route, tuple):
                    time.sleep(route[1])
                    return
                if isinstance(route, int):
                    self.send_response(route)
                    self.end_headers()
                    return
                etag = '"' + hashlib.sha1(route).hexdigest()[:16] + '"'
                if self.headers.get("If-None-Match") == etag:
                    server.not_modified += 1
                    self.send_response(304)
                    self.end_headers()
                    return
                self.send_response(200)
                self.send_header("Content-Type", "application/rss+xml")
                self.send_header("ETag", etag)
                self.send_header("Last-Modified", format_datetime(datetime.now(timezone.utc), usegmt=True))
                self.send_header("Content-Length", str(len(route)))
                self.end_headers()
                try:
                    self.wfile.write(route)
                except OSError:  # the client gave up (a timeout test)
                    pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> FeedServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

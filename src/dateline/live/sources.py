"""Where ``dateline watch`` looks: RSS/Atom feeds over HTTP (conditional GET) and watched folders/files.

A source's ``poll()`` returns the articles it holds now (``Article``/``Rejected``), or raises ``SourceError``
with a reason (timeout, HTTP error, malformed feed); the watcher reports it and polls it again next cycle.
"""
from __future__ import annotations

import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .. import __version__
from ..errors import InputError
from ..ingest import file_id, files_under, read_path
from ..ingest.feeds import articles_from_feed, malformed_xml
from ..model import Article, Rejected

USER_AGENT = f"dateline/{__version__} (news timeline builder; polls politely with ETag/Last-Modified)"


class SourceError(Exception):
    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source, self.reason = source, reason


@dataclass
class FeedSource:
    """An RSS/Atom feed over HTTP(S); remembers ETag and Last-Modified, so an unchanged feed costs a 304."""

    url: str
    timeout: float = 20.0
    etag: str | None = None
    modified: str | None = None

    @property
    def name(self) -> str:
        return self.url

    def poll(self) -> list[Article | Rejected]:
        req = urllib.request.Request(self.url, headers={"User-Agent": USER_AGENT, "Accept":
                                     "application/rss+xml, application/atom+xml, application/xml;q=0.9, */*;q=0.5"})
        if self.etag:
            req.add_header("If-None-Match", self.etag)
        if self.modified:
            req.add_header("If-Modified-Since", self.modified)
        try:
            with urllib.request.urlopen(req, timeout=self.timeout) as resp:  # noqa: S310 - http(s) only
                data = resp.read()
                etag, modified = resp.headers.get("ETag"), resp.headers.get("Last-Modified")
        except urllib.error.HTTPError as e:
            if e.code == 304:
                return []
            raise SourceError(self.url, f"HTTP {e.code} {e.reason}") from None
        except (urllib.error.URLError, TimeoutError, OSError) as e:
            reason = getattr(e, "reason", e)
            raise SourceError(self.url, f"cannot fetch ({reason})") from None
        broken = malformed_xml(data)
        if broken:
            raise SourceError(self.url, broken)
        try:
            items = list(articles_from_feed(data, path=self.url))
        except InputError as e:
            raise SourceError(self.url, e.reason) from None
        self.etag, self.modified = etag, modified  # only once the feed was read
        return items


@dataclass
class FolderSource:
    """A file or folder (recursively); only files whose size or modification time changed are read again."""

    path: Path
    seen: dict[str, tuple[float, int]] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return str(self.path)

    def _files(self) -> Iterator[tuple[Path, str | None]]:
        if self.path.is_file():
            yield self.path, None
            return
        for child in files_under(self.path):
            yield child, file_id(child, self.path)

    def poll(self) -> list[Article | Rejected]:
        if not self.path.exists():
            raise SourceError(str(self.path), "no such file or directory")
        out: list[Article | Rejected] = []
        for f, fid in self._files():
            st = f.stat()
            key = (st.st_mtime, st.st_size)
            if self.seen.get(str(f)) == key:
                continue
            out.extend(read_path(f, id=fid))
            self.seen[str(f)] = key
        return out


def source_for(target: str, timeout: float = 20.0) -> FeedSource | FolderSource:
    if target.startswith(("http://", "https://")):
        return FeedSource(target, timeout=timeout)
    return FolderSource(Path(target))

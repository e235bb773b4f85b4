"""HTTP(S) delivery (DESIGN "Exports and sync"): ``POST`` the zip with ``Content-Type:
application/zip``, ``Idempotency-Key: <bundle_id>`` and ``Authorization: Bearer <token>`` when
a token is set.

2xx → delivered, the JSON body kept as the receipt (other text kept as text). 408, 429, 5xx,
time-outs and connection errors → a few quick tries within this sync (the same bytes and key
every time, honouring a short ``Retry-After``), then ``Retry`` with the server's
``Retry-After`` so the outbox schedules the next attempt. Any other answer → ``Failed`` with
the server's reason. Certificates are always verified; redirects are not followed (the token
goes to the configured host only; a moved endpoint is a configuration a person fixes).

urllib3 (imported here only, when a sync runs): pure Python, no dependencies, verifies
certificates against the system's store by default, separate connect and read time-outs.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import urllib3
from urllib3.exceptions import (
    HTTPError,
    LocationValueError,
    NameResolutionError,
    NewConnectionError,
    ProtocolError,
    ProxyError,
    SSLError,
)
from urllib3.exceptions import TimeoutError as Urllib3Timeout

from vernetool.domain.delivery.backoff import full_jitter
from vernetool.domain.delivery.outcome import Delivered, Failed, Outcome, Retry, shorten

if TYPE_CHECKING:
    from vernetool.services.delivery.transports import BundleLike, TargetLike

RETRY_STATUSES = frozenset({408, 425, 429, 500, 502, 503, 504}) | frozenset(range(505, 600))
BODY_LIMIT = 64 * 1024
LOOPBACK = frozenset({"localhost", "::1"})  # what is read of an answer; a receipt is small


@dataclass(frozen=True)
class HttpOptions:
    """Time-outs (seconds) and the quick tries within one sync."""

    connect_timeout: float = 10.0
    read_timeout: float = 60.0  # a large bundle over a slow line, and the server storing it
    tries: int = 3
    quick_base: float = 0.5  # the back-off window between quick tries: 0.5 s, 1 s, …
    quick_cap: float = 5.0
    # a Retry-After longer than this ends the quick tries: the outbox waits instead
    max_quick_wait: float = 5.0
    ca_certs: str | None = None  # a private CA bundle; None: the system's certificates
    sleep: Callable[[float], None] = time.sleep
    rand: Callable[[], float] | None = None  # None: random.random


DEFAULT = HttpOptions()


def deliver(target: TargetLike, bundle: BundleLike, token: str | None = None,
            options: HttpOptions = DEFAULT) -> Outcome:
    """POST ``bundle`` to ``target.url``: up to ``options.tries`` quick tries, then an outcome."""
    url = target.url or ""
    if not valid_url(url):
        return Failed("not an http(s) URL with a host", code="delivery.bad_url")
    headers = {"Content-Type": "application/zip", "Idempotency-Key": bundle.bundle_id,
               "Accept": "application/json, text/plain;q=0.5, */*;q=0.1",
               "User-Agent": "vernetool"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    pool = _pool(url, options)
    outcome: Outcome = Retry("no try made")
    try:
        for attempt in range(1, max(1, options.tries) + 1):
            outcome = _attempt(pool, url, bundle.zip, headers, token)
            if not isinstance(outcome, Retry) or attempt >= options.tries:
                break
            wait = _quick_wait(attempt, outcome.retry_after, options)
            if wait is None:
                break
            options.sleep(wait)
    finally:
        pool.clear()
    return outcome


def valid_url(url: str) -> bool:
    """An http(s) URL with a host (and a port, if any, in range)."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 -- raises for a port out of range
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.hostname)


def _pool(url: str, options: HttpOptions) -> urllib3.PoolManager:
    timeout = urllib3.Timeout(connect=options.connect_timeout, read=options.read_timeout)
    settings: dict[str, Any] = {"timeout": timeout, "retries": False,
                                "cert_reqs": "CERT_REQUIRED"}
    if options.ca_certs:
        settings["ca_certs"] = options.ca_certs
    proxy = _proxy_for(url)
    if proxy:
        return urllib3.ProxyManager(proxy, **settings)
    return urllib3.PoolManager(**settings)


def _proxy_for(url: str) -> str | None:
    """The proxy the system names for ``url`` (HTTPS_PROXY/HTTP_PROXY, NO_PROXY), if any."""
    import urllib.request  # only when a sync runs

    parts = urlsplit(url)
    host = parts.hostname or ""
    if host in LOOPBACK or host.startswith("127.") or urllib.request.proxy_bypass(host):
        return None
    return urllib.request.getproxies().get(parts.scheme.lower())


def _quick_wait(attempt: int, retry_after: float | None, options: HttpOptions) -> float | None:
    """Seconds before the next quick try, or None when the server asked for a longer wait."""
    if retry_after is not None and retry_after > options.max_quick_wait:
        return None
    kwargs: dict[str, Any] = {"base": options.quick_base, "cap": options.quick_cap,
                              "floor": options.quick_base / 10}
    if options.rand is not None:
        kwargs["rand"] = options.rand
    return max(retry_after or 0.0, full_jitter(attempt, **kwargs))


def _attempt(pool: urllib3.PoolManager, url: str, body: bytes, headers: dict[str, str],
             token: str | None) -> Outcome:
    try:
        response = pool.request("POST", url, body=body, headers=headers, redirect=False,
                                retries=False, preload_content=False)
        try:
            text = response.read(BODY_LIMIT, decode_content=True)
        finally:
            response.release_conn()
    except SSLError as error:
        # a certificate that does not verify: nothing was sent. Usually a person has to look,
        # but a laptop on a hotel's or a train's network meets captive portals that intercept
        # TLS until someone logs in, so it is tried again later, the reason shown meanwhile.
        return Retry(_scrub(f"TLS: {_cause(error)}", token), code="delivery.tls")
    except LocationValueError:
        return Failed("not a valid URL", code="delivery.bad_url")
    except NameResolutionError:
        return Retry(f"host not found: {urlsplit(url).hostname}", code="delivery.connection")
    except (NewConnectionError, ProxyError) as error:  # before time-outs: a subclass
        return Retry(_scrub(f"no connection: {_cause(error)}", token),
                     code="delivery.connection")
    except (Urllib3Timeout, TimeoutError) as error:
        return Retry(_scrub(f"timed out: {_cause(error)}", token), code="delivery.timeout")
    except (ProtocolError, HTTPError, OSError) as error:  # reset, dropped, closed mid-way
        return Retry(_scrub(f"connection lost: {_cause(error)}", token),
                     code="delivery.connection")
    return _answer(response.status, dict(response.headers), text, token)


def _answer(status: int, headers: dict[str, str], body: bytes, token: str | None) -> Outcome:
    lowered = {key.lower(): value for key, value in headers.items()}
    if 200 <= status < 300:
        return Delivered(_receipt(status, body))
    if status in RETRY_STATUSES:
        return Retry(_scrub(f"HTTP {status}: {_reason(body)}", token),
                     retry_after=parse_retry_after(lowered.get("retry-after")),
                     code="delivery.http_retry")
    if 300 <= status < 400:
        where = lowered.get("location", "")
        return Failed(_scrub(f"HTTP {status}: moved to {where}", token), status=status,
                      code="delivery.http_refused")
    return Failed(_scrub(f"HTTP {status}: {_reason(body)}", token), status=status,
                  code="delivery.http_refused")


def _receipt(status: int, body: bytes) -> dict[str, Any]:
    text = body.decode("utf-8", errors="replace").strip()
    if not text:
        return {"status": status}
    try:
        value = json.loads(text)
    except ValueError:
        return {"status": status, "text": shorten(text, 2000)}
    return value if isinstance(value, dict) else {"status": status, "body": value}


def _reason(body: bytes) -> str:
    """The server's reason: JSON ``message``/``error``/``detail`` (nested once), or its text."""
    text = body.decode("utf-8", errors="replace").strip()
    try:
        value = json.loads(text)
    except ValueError:
        return shorten(text) if text else "(no reason given)"
    for _depth in range(3):
        if not isinstance(value, dict):
            break
        found = next((value[key] for key in ("message", "error", "detail", "title")
                      if value.get(key)), None)
        if found is None:
            break
        value = found
    if isinstance(value, str):
        return shorten(value)
    return shorten(json.dumps(value, ensure_ascii=False))


def parse_retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """``Retry-After`` as seconds from now: delta-seconds or an HTTP date (RFC 9110 10.2.3)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    seconds = (when - (now or datetime.now(UTC))).total_seconds()
    return max(0.0, seconds)


def _cause(error: BaseException) -> str:
    """The innermost reason of a urllib3 error, without the pool's object names."""
    inner: BaseException = error
    for _depth in range(8):
        nested = getattr(inner, "reason", None) or inner.__cause__ or inner.__context__
        if not isinstance(nested, BaseException) or nested is inner:
            break
        inner = nested
    if isinstance(inner, OSError) and inner.strerror:
        return inner.strerror
    text = str(inner) or type(inner).__name__
    return text.split(": ", 1)[-1] if "object at 0x" in text else text


def _scrub(text: str, token: str | None) -> str:
    """A reason never holds the token, whatever a server or a library echoed."""
    if token:
        text = text.replace(token, "***")
    return shorten(text)

"""HTTP delivery against a real server on localhost: every answer a central system may give,
and what the server actually received (the same bytes and key on every try)."""

from __future__ import annotations

import socket
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import pytest

from tests.services.delivery import central
from tests.services.delivery.conftest import Bundle, Target, make_bundle
from vernetool.domain.delivery.outcome import Delivered, Failed, Retry
from vernetool.services.delivery.transports import deliver as deliver_any
from vernetool.services.delivery.transports import http
from vernetool.services.delivery.transports.http import HttpOptions, parse_retry_after

TOKEN = "s3cret-t0ken-123"


class Waits(list[float]):
    """The quick tries' waits, recorded instead of slept."""

    def __call__(self, seconds: float) -> None:
        self.append(seconds)


def _options(waits: Waits, **overrides: float) -> HttpOptions:
    settings: dict[str, float] = {"connect_timeout": 1.0, "read_timeout": 0.4, "tries": 3}
    settings.update(overrides)
    return HttpOptions(**settings, sleep=waits, rand=lambda: 0.5)  # type: ignore[arg-type]


def _send(server: central.Central, bundle: Bundle, waits: Waits, token: str | None = None,
          **overrides: float) -> object:
    return http.deliver(Target("central", "http", url=server.url), bundle, token,
                        _options(waits, **overrides))


def _same_bytes_and_key(server: central.Central, bundle: Bundle) -> None:
    assert server.keys() and set(server.keys()) == {bundle.bundle_id}
    for request in server.received:
        assert request.headers["content-type"] == "application/zip"
        if request.whole:
            assert request.body == bundle.zip
        else:
            assert bundle.zip.startswith(request.body)


def test_503_with_retry_after_then_201_with_a_json_receipt() -> None:
    bundle, waits = make_bundle(), Waits()
    with central.running(central.reply(503, "busy", {"Retry-After": "2"})) as server:
        outcome = _send(server, bundle, waits)
    assert isinstance(outcome, Delivered)
    assert outcome.receipt == {"receipt": f"R-{bundle.bundle_id[:8]}", "key": bundle.bundle_id,
                               "sha256": bundle.sha256}
    assert len(server.received) == 2 and waits == [2.0]  # waited as long as the server asked
    _same_bytes_and_key(server, bundle)
    assert server.stored == {bundle.bundle_id: bundle.zip}


def test_a_server_that_stays_unavailable_leaves_a_retry_with_its_retry_after() -> None:
    bundle, waits = make_bundle(), Waits()
    busy = central.reply(503, {"message": "maintenance"}, {"Retry-After": "1"})
    with central.running(busy, busy, busy, busy) as server:
        outcome = _send(server, bundle, waits)
    assert isinstance(outcome, Retry)
    assert outcome.retry_after == 1.0 and "503" in outcome.reason
    assert "maintenance" in outcome.reason and outcome.code == "delivery.http_retry"
    assert len(server.received) == 3 and waits == [1.0, 1.0]  # three tries, two waits
    _same_bytes_and_key(server, bundle)


def test_a_long_retry_after_ends_the_quick_tries_at_once() -> None:
    bundle, waits = make_bundle(), Waits()
    when = datetime.now(UTC) + timedelta(hours=1)
    with central.running(central.reply(429, "slow down",
                                       {"Retry-After": format_datetime(when, usegmt=True)})
                         ) as server:
        outcome = _send(server, bundle, waits)
    assert isinstance(outcome, Retry) and outcome.retry_after is not None
    assert 3500 < outcome.retry_after <= 3600
    assert len(server.received) == 1 and waits == []


def test_408_and_429_without_retry_after_are_retried_with_back_off() -> None:
    bundle, waits = make_bundle(), Waits()
    with central.running(central.reply(408), central.reply(429)) as server:
        outcome = _send(server, bundle, waits)
    assert isinstance(outcome, Delivered)
    assert waits == [0.25, 0.5]  # half of the 0.5 s and 1 s windows
    assert len(server.received) == 3
    _same_bytes_and_key(server, bundle)


def test_a_server_that_times_out_then_answers() -> None:
    bundle, waits = make_bundle(), Waits()
    with central.running(central.hang(1.5)) as server:
        outcome = _send(server, bundle, waits, read_timeout=0.3)
    assert isinstance(outcome, Delivered)
    assert len(server.received) == 2
    _same_bytes_and_key(server, bundle)


def test_a_server_that_only_times_out_is_retried_later() -> None:
    bundle, waits = make_bundle(), Waits()
    with central.running(central.hang(1.5)) as server:
        outcome = _send(server, bundle, waits, read_timeout=0.3, tries=1)
    assert isinstance(outcome, Retry)
    assert outcome.code == "delivery.timeout" and outcome.retry_after is None


def test_a_connection_dropped_mid_request_then_delivered() -> None:
    bundle, waits = make_bundle(rows=20_000), Waits()  # large enough to be cut in half
    with central.running(central.drop_mid_request()) as server:
        outcome = _send(server, bundle, waits)
    assert isinstance(outcome, Delivered)
    assert [r.whole for r in server.received] == [False, True]
    _same_bytes_and_key(server, bundle)
    assert server.stored == {bundle.bundle_id: bundle.zip}


def test_connections_dropped_every_time_leave_a_retry() -> None:
    bundle, waits = make_bundle(), Waits()
    dropped = central.drop_after_body()
    with central.running(dropped, dropped, dropped) as server:
        outcome = _send(server, bundle, waits)
    assert isinstance(outcome, Retry) and outcome.code == "delivery.connection"
    assert len(server.received) == 3
    _same_bytes_and_key(server, bundle)


def test_connection_refused_is_retried_later() -> None:
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    outcome = http.deliver(Target("central", "http", url=f"http://127.0.0.1:{port}/"),
                           make_bundle(), None, _options(Waits(), tries=2))
    assert isinstance(outcome, Retry) and outcome.code == "delivery.connection"


def test_400_fails_with_the_servers_reason_and_is_not_retried() -> None:
    bundle, waits = make_bundle(), Waits()
    answer = {"error": {"message": "severity: unknown value 'x'", "code": "E42"}}
    with central.running(central.reply(400, answer)) as server:
        outcome = _send(server, bundle, waits)
    assert isinstance(outcome, Failed)
    assert outcome.status == 400 and outcome.code == "delivery.http_refused"
    assert outcome.reason == "HTTP 400: severity: unknown value 'x'"
    assert len(server.received) == 1 and waits == []


@pytest.mark.parametrize(("body", "reason"), [
    ({"detail": "Invalid token."}, "HTTP 401: Invalid token."),
    ("<html><body>\n  <h1>401   Unauthorized</h1></body></html>",
     "HTTP 401: <html><body> <h1>401 Unauthorized</h1></body></html>"),
    (b"", "HTTP 401: (no reason given)"),
])
def test_401_fails_with_the_reason_in_any_shape(body: object, reason: str) -> None:
    with central.running(central.reply(401, body)) as server:  # type: ignore[arg-type]
        outcome = _send(server, make_bundle(), Waits())
    assert outcome == Failed(reason, 401, "delivery.http_refused")


def test_429_is_a_retry_with_the_servers_wait() -> None:
    with central.running(*[central.reply(429, {"message": "quota"},
                                         {"Retry-After": "30"})] * 3) as server:
        outcome = _send(server, make_bundle(), Waits())
    assert outcome == Retry("HTTP 429: quota", 30.0, "delivery.http_retry")
    assert len(server.received) == 1


def test_the_bearer_token_is_sent_only_when_set_and_never_echoed_in_a_reason() -> None:
    bundle = make_bundle()
    echo = central.reply(403, {"message": f"token Bearer {TOKEN} is not allowed here"})
    with central.running(central.store(), echo) as server:
        assert isinstance(_send(server, bundle, Waits()), Delivered)
        refused = _send(server, make_bundle(), Waits(), token=TOKEN)
    assert "authorization" not in server.received[0].headers
    assert server.received[1].headers["authorization"] == f"Bearer {TOKEN}"
    assert isinstance(refused, Failed) and TOKEN not in refused.reason
    assert refused.reason == "HTTP 403: token Bearer *** is not allowed here"


def test_a_2xx_that_is_not_json_is_kept_as_text() -> None:
    with central.running(central.reply(202, "queued as 7781")) as server:
        outcome = _send(server, make_bundle(), Waits())
    assert outcome == Delivered({"status": 202, "text": "queued as 7781"})


def test_a_redirect_is_not_followed_and_takes_no_token_elsewhere() -> None:
    moved = central.reply(307, b"", {"Location": "http://elsewhere.invalid/in"})
    with central.running(moved) as server:
        outcome = _send(server, make_bundle(), Waits(), token=TOKEN)
    assert isinstance(outcome, Failed) and outcome.status == 307
    assert "elsewhere.invalid" in outcome.reason and len(server.received) == 1


def test_the_kind_picks_the_transport_and_a_bad_url_fails() -> None:
    bundle = make_bundle()
    with central.running() as server:
        assert isinstance(deliver_any(Target("c", "http", url=server.url), bundle),
                          Delivered)
    for url in ("ftp://x/", "http://", "https://[::1", "http://a:99999/", "http://exa mple/", ""):
        outcome = deliver_any(Target("c", "http", url=url), bundle)
        assert isinstance(outcome, Failed) and outcome.code == "delivery.bad_url", url


def test_retry_after_as_seconds_or_an_http_date() -> None:
    now = datetime(2026, 12, 2, 12, 0, tzinfo=UTC)
    assert parse_retry_after("120", now) == 120.0
    assert parse_retry_after("Wed, 02 Dec 2026 12:05:00 GMT", now) == 300.0
    assert parse_retry_after("Wed, 02 Dec 2026 11:00:00 GMT", now) == 0.0  # past: now
    assert parse_retry_after("soon", now) is None
    assert parse_retry_after("", now) is None and parse_retry_after(None, now) is None
    assert parse_retry_after("-5", now) is None


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str]:
    """A self-signed certificate for localhost (files: certificate, key)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    now = datetime.now(UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - timedelta(days=1)).not_valid_after(now + timedelta(days=1))
            .add_extension(x509.SubjectAlternativeName([x509.DNSName("localhost")]), False)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), True)
            .sign(key, hashes.SHA256()))
    folder = tmp_path_factory.mktemp("tls")
    (folder / "cert.pem").write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    (folder / "key.pem").write_bytes(key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption()))
    return str(folder / "cert.pem"), str(folder / "key.pem")


def test_https_certificates_are_verified(certificate: tuple[str, str]) -> None:
    bundle = make_bundle()
    with central.running(tls=certificate) as server:
        refused = _send(server, bundle, Waits(), token=TOKEN, tries=1)
        trusted = http.deliver(Target("central", "http", url=server.url), bundle, TOKEN,
                               HttpOptions(ca_certs=certificate[0], read_timeout=2))
    assert isinstance(refused, Retry) and refused.code == "delivery.tls"
    assert "certificate" in refused.reason.lower() and TOKEN not in refused.reason
    assert isinstance(trusted, Delivered)  # the same server, its certificate trusted
    assert len(server.received) == 1  # nothing, not even the token, went to the unverified one
    assert server.received[0].headers["authorization"] == f"Bearer {TOKEN}"


def test_the_systems_proxy_is_used_except_for_this_machine(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("https_proxy", "http://proxy.example.org:3128")
    monkeypatch.setenv("no_proxy", "intranet.example.org")
    assert http._proxy_for("https://central.example.org/in") == "http://proxy.example.org:3128"
    assert http._proxy_for("https://intranet.example.org/in") is None
    assert http._proxy_for("https://localhost:8443/in") is None
    assert http._proxy_for("http://127.0.0.1:8080/in") is None

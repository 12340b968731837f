"""connect / connect_async: the key and base URL, their environment fallbacks, options."""

from __future__ import annotations

import importlib.metadata

import httpx
import pytest
import respx
import videodb_gen
from videodb_gen import InvalidInputError

from .conftest import BASE, COLLECTION, KEY, FakeClock


def test_missing_key_fails_at_connect_time() -> None:
    with pytest.raises(InvalidInputError, match="VIDEO_DB_API_KEY") as info:
        videodb_gen.connect()
    assert info.value.field == "api_key"
    assert isinstance(info.value, ValueError)


@pytest.mark.parametrize("bad", ["", "   ", 123])
def test_blank_or_wrong_type_key_is_rejected(bad: object) -> None:
    with pytest.raises(InvalidInputError, match="api_key"):
        videodb_gen.connect(api_key=bad)  # type: ignore[arg-type]


def test_empty_env_key_counts_as_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VIDEO_DB_API_KEY", "")
    with pytest.raises(InvalidInputError):
        videodb_gen.connect_async()


def test_key_and_base_url_fall_back_to_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VIDEO_DB_API_KEY", KEY)
    monkeypatch.setenv("VIDEO_DB_BASE_URL", "http://127.0.0.1:4011/")
    with respx.mock(base_url="http://127.0.0.1:4011") as router:
        route = router.get("/collection/default").respond(json=COLLECTION)
        with videodb_gen.connect() as conn:
            assert conn.base_url == "http://127.0.0.1:4011"
            conn.get_collection()
    assert route.calls.last.request.headers["x-access-token"] == KEY


def test_explicit_arguments_beat_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VIDEO_DB_API_KEY", "sk-from-env")
    monkeypatch.setenv("VIDEO_DB_BASE_URL", "http://127.0.0.1:1")
    with respx.mock(base_url="http://example.test") as router:
        route = router.get("/collection/default").respond(json=COLLECTION)
        conn = videodb_gen.connect(api_key=KEY, base_url="http://example.test")
        conn.get_collection()
        conn.close()
    assert route.calls.last.request.headers["x-access-token"] == KEY


def test_default_base_url() -> None:
    conn = videodb_gen.connect(api_key=KEY)
    assert conn.base_url == BASE
    assert repr(conn) == "Connection(base_url='https://api.videodb.io')"
    conn.close()


@pytest.mark.parametrize(
    "url", ["api.videodb.io", "ftp://api.videodb.io", "https://", "http://h:x"]
)
def test_base_url_must_be_absolute_http(url: str) -> None:
    with pytest.raises(InvalidInputError, match="base_url"):
        videodb_gen.connect(api_key=KEY, base_url=url)


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"timeout": 0}, "timeout"),
        ({"timeout": -1.0}, "timeout"),
        ({"timeout": "5"}, "timeout"),
        ({"max_retries": -1}, "max_retries"),
        ({"max_retries": True}, "max_retries"),
    ],
)
def test_settings_are_checked(kwargs: dict[str, object], field: str) -> None:
    with pytest.raises(InvalidInputError, match=field):
        videodb_gen.connect(api_key=KEY, **kwargs)  # type: ignore[arg-type]


def test_client_header_names_the_sdk_and_version(
    api: respx.MockRouter, conn: videodb_gen.Connection
) -> None:
    route = api.get("/collection/default").respond(json=COLLECTION)
    coll = conn.get_collection()
    assert coll.id == "default"
    assert coll.name == "Default Collection"
    assert coll.is_public is False
    sent = route.calls.last.request.headers
    assert sent["x-videodb-client"] == f"videodb-gen/{videodb_gen.__version__}"
    assert sent["x-access-token"] == KEY


def test_version_matches_the_distribution() -> None:
    assert videodb_gen.__version__ == importlib.metadata.version("videodb-gen")


def test_with_options_overrides_per_call_and_leaves_the_original(
    api: respx.MockRouter, conn: videodb_gen.Connection, clock: FakeClock
) -> None:
    route = api.get("/collection/default").respond(500, json={"success": False, "message": "x"})
    quick = conn.with_options(
        max_retries=0, timeout=1.5, wait_timeout=9, poll_interval=0.2, max_poll_interval=1
    )
    assert isinstance(quick, videodb_gen.Connection)
    assert quick.base_url == conn.base_url
    with pytest.raises(videodb_gen.InternalServerError):
        quick.get_collection()
    assert route.call_count == 1
    timeout = route.calls.last.request.extensions["timeout"]
    assert timeout == httpx.Timeout(1.5).as_dict()
    with pytest.raises(videodb_gen.InternalServerError):
        conn.get_collection()
    assert route.call_count == 1 + 3
    assert route.calls.last.request.extensions["timeout"] == httpx.Timeout(30, connect=5).as_dict()
    assert quick._engine.config.options.wait_timeout == 9
    assert quick._engine.config.options.poll.fixed_interval == 0.2
    assert quick._engine.config.options.poll.max_interval == 1
    assert conn._engine.config.options.poll.fixed_interval is None


def test_with_options_accepts_an_httpx_timeout(conn: videodb_gen.Connection) -> None:
    custom = httpx.Timeout(3.0, connect=1.0)
    assert conn.with_options(timeout=custom)._engine.config.options.timeout == custom
    assert conn.with_options()._engine.config.options == conn._engine.config.options


@pytest.mark.parametrize(
    "kwargs",
    [{"timeout": 0}, {"max_retries": -2}, {"wait_timeout": -1}, {"poll_interval": 0}],
)
def test_with_options_checks_its_values(
    conn: videodb_gen.Connection, kwargs: dict[str, object]
) -> None:
    with pytest.raises(InvalidInputError):
        conn.with_options(**kwargs)  # type: ignore[arg-type]


def test_given_http_client_is_used_and_left_open(api: respx.MockRouter) -> None:
    route = api.get("/collection/default").respond(json=COLLECTION)
    client = httpx.Client(headers={"x-extra": "1"})
    with videodb_gen.connect(api_key=KEY, http_client=client) as conn:
        conn.get_collection()
    assert route.calls.last.request.headers["x-extra"] == "1"
    assert route.calls.last.request.headers["x-access-token"] == KEY
    assert not client.is_closed
    client.close()


def test_own_http_client_keeps_no_cookies(
    api: respx.MockRouter, conn: videodb_gen.Connection
) -> None:
    """A cookie one answer sets is not sent with the next request, nor kept by the client."""
    headers = {"set-cookie": "session=abc; Path=/"}
    route = api.get("/collection/default").respond(json=COLLECTION, headers=headers)
    conn.get_collection()
    conn.get_collection()
    assert "cookie" not in route.calls.last.request.headers
    assert not conn._engine._api.get_httpx_client().cookies


async def test_async_own_http_client_keeps_no_cookies(
    api: respx.MockRouter, aconn: videodb_gen.AsyncConnection
) -> None:
    headers = {"set-cookie": "session=abc; Path=/"}
    route = api.get("/collection/default").respond(json=COLLECTION, headers=headers)
    await aconn.get_collection()
    await aconn.get_collection()
    assert "cookie" not in route.calls.last.request.headers
    assert not aconn._engine._api.get_async_httpx_client().cookies


def test_given_http_client_keeps_its_cookies(api: respx.MockRouter) -> None:
    headers = {"set-cookie": "session=abc; Path=/"}
    route = api.get("/collection/default").respond(json=COLLECTION, headers=headers)
    with httpx.Client() as client, videodb_gen.connect(api_key=KEY, http_client=client) as conn:
        conn.get_collection()
        conn.get_collection()
    assert route.calls.last.request.headers["cookie"] == "session=abc"


def test_own_http_client_is_closed() -> None:
    conn = videodb_gen.connect(api_key=KEY)
    conn.close()
    assert conn._engine._api.get_httpx_client().is_closed


async def test_async_own_and_given_clients() -> None:
    conn = videodb_gen.connect_async(api_key=KEY)
    assert repr(conn) == "AsyncConnection(base_url='https://api.videodb.io')"
    await conn.close()
    assert conn._engine._api.get_async_httpx_client().is_closed
    client = httpx.AsyncClient()
    async with videodb_gen.connect_async(api_key=KEY, http_client=client):
        pass
    assert not client.is_closed
    await client.aclose()


async def test_async_with_options_returns_an_async_connection(
    aconn: videodb_gen.AsyncConnection,
) -> None:
    other = aconn.with_options(max_retries=5)
    assert isinstance(other, videodb_gen.AsyncConnection)
    assert other._engine.config.options.max_retries == 5


def test_own_http_client_reads_no_answer_for_cookies(
    api: respx.MockRouter, conn: videodb_gen.Connection, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Keeping no cookies, the client does not even wrap an answer for a jar (httpx's
    `Cookies.extract_cookies`), which cost every answer more than a tenth of its time."""

    def refuse(self: httpx.Cookies, response: httpx.Response) -> None:
        raise AssertionError("an answer was read for cookies")

    monkeypatch.setattr(httpx.Cookies, "extract_cookies", refuse)
    api.get("/collection/default").respond(json=COLLECTION, headers={"set-cookie": "a=b"})
    assert conn.get_collection().id == "default"

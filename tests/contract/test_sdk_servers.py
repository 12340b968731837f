"""The SDK against both servers of the spec, in the contract stage: a spec change that breaks
the SDK against either shows up here.

Prism is stateless, so its polls ask for the finished example; the sandbox finishes jobs itself.
"""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
import videodb_gen as videodb

from tests.conftest import SandboxFactory

pytestmark = pytest.mark.contract


def _ask_prism_for_a_finished_job(request: httpx.Request) -> None:
    if request.url.path.startswith("/async-response/"):
        request.headers["Prefer"] = "example=done"


@pytest.fixture(params=["prism", "sandbox"])
def server(
    request: pytest.FixtureRequest, start_sandbox: SandboxFactory
) -> Iterator[tuple[str, httpx.Client]]:
    if request.param == "prism":
        url: str = request.getfixturevalue("prism_url")
        hooks = {"request": [_ask_prism_for_a_finished_job]}
    else:
        url, hooks = start_sandbox("--job-seconds", "0.5"), {}
    with httpx.Client(event_hooks=hooks) as client:
        yield url, client


def test_the_snippet(server: tuple[str, httpx.Client], api_key: str) -> None:
    url, client = server
    with videodb.connect(api_key=api_key, base_url=url, http_client=client) as conn:
        coll = conn.get_collection()
        video = coll.generate_video(prompt="A drone flying over a futuristic city", duration=6)
        assert video.id.startswith("m-")
        assert video.stream_url.endswith(".m3u8")
        assert conn.get_video(video.id, collection_id=coll.id).id == video.id


def test_bad_input_never_reaches_either_server(
    server: tuple[str, httpx.Client], api_key: str
) -> None:
    url, client = server
    sent: list[httpx.Request] = []
    client.event_hooks["request"].append(sent.append)
    with videodb.connect(api_key=api_key, base_url=url, http_client=client) as conn:
        coll = conn.get_collection()
        sent.clear()
        with pytest.raises(videodb.InvalidInputError, match="duration"):
            coll.generate_video(prompt="p", duration=9)
    assert sent == []

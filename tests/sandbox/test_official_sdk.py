"""The official `videodb` SDK works against the sandbox unchanged.

The SDK polls the absolute `output_url` with the API key, first at once and then every 5 s,
so these sandboxes finish jobs at once (`--job-seconds 0`) and no test waits for a poll.
"""

from __future__ import annotations

import pytest
import videodb
from videodb.exceptions import InvalidRequestError

from tests._servers import TEST_API_KEY
from tests.conftest import SandboxFactory


def test_generate_video_with_the_official_sdk(sandbox_url: str) -> None:
    conn = videodb.connect(api_key=TEST_API_KEY, base_url=sandbox_url)
    coll = conn.get_collection()
    assert coll.id == "default"
    video = coll.generate_video(prompt="A drone flying over a futuristic city", duration=6)
    assert video.id.startswith("m-")
    assert video.collection_id == "default"
    assert video.stream_url.endswith(".m3u8")
    assert video.length == 6.0


def test_a_failed_job_surfaces_as_the_sdks_error(sandbox_url: str) -> None:
    conn = videodb.connect(api_key=TEST_API_KEY, base_url=sandbox_url, mock_fault="fail")
    coll = conn.get_collection()
    with pytest.raises(InvalidRequestError, match="could not be generated"):
        coll.generate_video(prompt="A drone flying over a futuristic city", duration=6)


@pytest.mark.parametrize("word", ["processing", "in progress"])
def test_the_official_sdk_takes_the_wrapped_shape(start_sandbox: SandboxFactory, word: str) -> None:
    url = start_sandbox("--finished-shape", "wrapped", "--running-status", word)
    coll = videodb.connect(api_key=TEST_API_KEY, base_url=url).get_collection()
    video = coll.generate_video(prompt="A drone", duration=5)
    assert video.id.startswith("m-")
    failing = videodb.connect(api_key=TEST_API_KEY, base_url=url, mock_fault="fail")
    with pytest.raises(InvalidRequestError, match="could not be generated"):
        failing.get_collection().generate_video(prompt="A drone", duration=5)


def test_a_wrong_key_surfaces_as_authentication_error(start_sandbox: SandboxFactory) -> None:
    from videodb.exceptions import AuthenticationError

    url = start_sandbox("--api-key", TEST_API_KEY)
    with pytest.raises(AuthenticationError):
        videodb.connect(api_key="sk-wrong", base_url=url).get_collection()

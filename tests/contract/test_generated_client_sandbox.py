"""The generated client against the sandbox: the whole workflow, every model typed.

(Against Prism, the same client is tested in tests/foundation/test_generated_client.py; the SDK
runs against both in tests/sdk/test_snippet_against_prism.py and tests/sdk/test_against_sandbox.py.)
"""

from __future__ import annotations

import time

import pytest
from videodb_api import AuthenticatedClient
from videodb_api.api.collection import get_collection
from videodb_api.api.generation import generate_video, get_async_response
from videodb_api.api.video import get_video
from videodb_api.models import (
    CollectionResponse,
    GenerateVideoRequest,
    GenerationStarted,
    JobComplete,
    JobDone,
    JobRunning,
    Video,
    VideoResponse,
)

from tests.conftest import SandboxFactory

pytestmark = pytest.mark.contract


@pytest.mark.parametrize("shape", ["flat", "wrapped"])
def test_generate_poll_and_fetch(start_sandbox: SandboxFactory, api_key: str, shape: str) -> None:
    url = start_sandbox("--job-seconds", "0.5", "--finished-shape", shape)
    with AuthenticatedClient(
        base_url=url, token=api_key, prefix="", auth_header_name="x-access-token"
    ) as client:
        assert isinstance(
            get_collection.sync(collection_id="default", client=client), CollectionResponse
        )
        body = GenerateVideoRequest(prompt="A drone flying over a futuristic city", duration=6)
        started = generate_video.sync(collection_id="default", client=client, body=body)
        assert isinstance(started, GenerationStarted)
        seen: list[type] = []
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            state = get_async_response.sync(job_id=started.data.id, client=client)
            seen.append(type(state))
            if not isinstance(state, JobRunning):
                break
            time.sleep(0.1)
        assert seen[0] is JobRunning
        if shape == "flat":
            assert isinstance(state, JobDone)
            video = state.data
        else:
            assert isinstance(state, JobComplete)
            assert isinstance(state.response, VideoResponse)
            video = state.response.data
        assert isinstance(video, Video)
        assert video.id.startswith("m-")
        fetched = get_video.sync(video_id=video.id, client=client, collection_id="default")
        assert isinstance(fetched, VideoResponse)
        assert fetched.data.id == video.id
        assert fetched.data.stream_url == video.stream_url

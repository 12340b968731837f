"""Per-call overhead against the sandbox in its fast mode (jobs finish at once).

The same calls (reading a collection, an image and an audio, their signed URLs, starting
each kind of generation, and a dub, without waiting, and a video's own calls: a stream of its
parts, a thumbnail at a time, a download until it is ready) through four clients,
interleaved call by call so machine noise hits all alike: videodb_gen, the generated client
alone, the official `videodb` SDK, and raw httpx. The calls come in a new order each round, so
that the interpreter's periodic work (garbage collection) falls on every call alike.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable

import httpx
import videodb
import videodb_gen
from videodb_api import AuthenticatedClient
from videodb_api.api.audio import get_audio, get_audio_url
from videodb_api.api.collection import get_collection
from videodb_api.api.generation import (
    dub_video,
    generate_audio,
    generate_image,
    generate_text,
    generate_video,
)
from videodb_api.api.image import get_image, get_image_url
from videodb_api.api.video import (
    download_stream,
    generate_video_stream,
    generate_video_thumbnail,
    get_download,
)
from videodb_api.models import (
    DownloadRequest,
    DownloadState,
    DubVideoRequest,
    GenerateImageRequest,
    GenerateMusicRequest,
    GenerateTextInlineRequest,
    GenerateVideoRequest,
    GenerationStarted,
    VideoStreamRequest,
    VideoThumbnailRequest,
)

from bench._servers import API_KEY, HEADERS, sandbox
from bench._stats import summary

REPEATS = 400
PROMPT = "A drone flying over a futuristic city"
BODY = {"prompt": PROMPT, "duration": 6}
IMAGE_BODY = {"prompt": PROMPT, "aspect_ratio": "1:1"}
TEXT_BODY = {"prompt": PROMPT, "model_name": "basic", "response_type": "text"}
MUSIC_BODY = {"prompt": PROMPT, "duration": 5, "audio_type": "music"}
#: The calls measured, in the order of the results' table.
CALLS = (
    "get_collection",
    "generate_video(wait=False)",
    "generate_image(wait=False)",
    "generate_text(wait=False)",
    "get_image",
    "image.generate_url()",
    "generate_music(wait=False)",
    "dub_video(wait=False)",
    "get_audio",
    "audio.generate_url()",
    "video.generate_stream(parts)",
    "video.generate_thumbnail(time)",
    "video.download()",
)
PARTS = [(0, 2), (3, 5)]


#: The wait between a download's start and each read of its state, for every client alike:
#: the SDK's fixed interval. Asking the OS for 1 µs costs it tens of µs, which is waiting, not
#: a client's overhead, so the others wait as long.
POLL_INTERVAL = 1e-6


def _raw_download(raw: httpx.Client, body: dict[str, object]) -> object:
    """A download as raw HTTP: start it, then read it until it is done (at once here)."""
    started = raw.post("/download", json=body).raise_for_status().json()
    while True:
        time.sleep(POLL_INTERVAL)
        state = raw.get(f"/download/{started['data']['id']}").raise_for_status().json()
        if state["status"] != "processing":
            return state


def _generated_download(generated: AuthenticatedClient, body: dict[str, object]) -> object:
    """A download through the generated client: start it, then read it until it is done."""
    started = download_stream.sync(client=generated, body=DownloadRequest.from_dict(body))
    assert isinstance(started, GenerationStarted)
    while True:
        time.sleep(POLL_INTERVAL)
        state = get_download.sync(download_id=started.data.id, client=generated)
        assert isinstance(state, DownloadState)
        if state.status != "processing":
            return state


def _clients(base_url: str) -> dict[str, dict[str, Callable[[], object]]]:
    ours = videodb_gen.connect(api_key=API_KEY, base_url=base_url)
    ours_coll = ours.get_collection()
    image = ours_coll.generate_image(PROMPT)  # the sandbox's fast mode: finished at once
    audio = ours_coll.generate_music(PROMPT)
    source = ours_coll.generate_video(PROMPT)
    dub = {"video_id": source.id, "language_code": "es"}
    stream_body = {"timeline": [list(p) for p in PARTS], "length": source.length}
    video_path = f"/video/{source.id}"
    download_body: dict[str, object] = {"stream_link": source.stream_url, "name": source.name}
    generated = AuthenticatedClient(
        base_url=base_url, token=API_KEY, prefix="", auth_header_name="x-access-token"
    )
    official = videodb.connect(api_key=API_KEY, base_url=base_url)
    official_coll = official.get_collection()
    official_image = official_coll.get_image(image.id)
    official_audio = official_coll.get_audio(audio.id)
    official_video = official_coll.get_video(source.id)
    raw = httpx.Client(base_url=base_url, headers=HEADERS)
    gen = "/collection/default/generate"
    image_path, url_params = f"/image/{image.id}", {"collection_id": "default"}
    audio_path = f"/audio/{audio.id}"
    return {
        "videodb_gen": {
            "get_collection": ours.get_collection,
            "generate_video(wait=False)": lambda: ours_coll.generate_video(
                PROMPT, duration=6, wait=False
            ),
            "generate_image(wait=False)": lambda: ours_coll.generate_image(PROMPT, wait=False),
            "generate_text(wait=False)": lambda: ours_coll.generate_text(PROMPT, wait=False),
            "get_image": lambda: ours_coll.get_image(image.id),
            "image.generate_url()": image.generate_url,
            "generate_music(wait=False)": lambda: ours_coll.generate_music(PROMPT, wait=False),
            "dub_video(wait=False)": lambda: ours_coll.dub_video(source.id, "es", wait=False),
            "get_audio": lambda: ours_coll.get_audio(audio.id),
            "audio.generate_url()": audio.generate_url,
            "video.generate_stream(parts)": lambda: source.generate_stream(PARTS),
            "video.generate_thumbnail(time)": lambda: source.generate_thumbnail(2),
            # The SDK's adaptive schedule waits 0.3 s before a first poll, which is no
            # per-call cost: a fixed interval of 1 µs, which the others wait too, polls at once.
            "video.download()": lambda: source.download(poll_interval=POLL_INTERVAL),
        },
        "generated client": {
            "get_collection": lambda: get_collection.sync(
                collection_id="default", client=generated
            ),
            "generate_video(wait=False)": lambda: generate_video.sync(
                collection_id="default",
                client=generated,
                body=GenerateVideoRequest(prompt=PROMPT, duration=6),
            ),
            "generate_image(wait=False)": lambda: generate_image.sync(
                collection_id="default", client=generated, body=GenerateImageRequest(PROMPT)
            ),
            "generate_text(wait=False)": lambda: generate_text.sync(
                collection_id="default", client=generated, body=GenerateTextInlineRequest(PROMPT)
            ),
            "get_image": lambda: get_image.sync(
                image_id=image.id, client=generated, collection_id="default"
            ),
            "image.generate_url()": lambda: get_image_url.sync(
                image_id=image.id, client=generated, collection_id="default"
            ),
            "generate_music(wait=False)": lambda: generate_audio.sync(
                collection_id="default",
                client=generated,
                body=GenerateMusicRequest(prompt=PROMPT, audio_type="music", duration=5),
            ),
            "dub_video(wait=False)": lambda: dub_video.sync(
                collection_id="default", client=generated, body=DubVideoRequest(**dub)
            ),
            "get_audio": lambda: get_audio.sync(
                audio_id=audio.id, client=generated, collection_id="default"
            ),
            "audio.generate_url()": lambda: get_audio_url.sync(
                audio_id=audio.id, client=generated, collection_id="default"
            ),
            "video.generate_stream(parts)": lambda: generate_video_stream.sync(
                video_id=source.id, client=generated, body=VideoStreamRequest.from_dict(stream_body)
            ),
            "video.generate_thumbnail(time)": lambda: generate_video_thumbnail.sync(
                video_id=source.id, client=generated, body=VideoThumbnailRequest(time=2)
            ),
            "video.download()": lambda: _generated_download(generated, download_body),
        },
        "official videodb": {
            "get_collection": official.get_collection,
            # The official SDK has no wait=False on generate_video; its HTTP layer's
            # `post(..., wait=False)` is the same request without polling.
            "generate_video(wait=False)": lambda: official.post(
                path="collection/default/generate/video", data=BODY, wait=False
            ),
            # Likewise for images, which it always waits for on a hosted model.
            "generate_image(wait=False)": lambda: official.post(
                path="collection/default/generate/image", data=IMAGE_BODY, wait=False
            ),
            "generate_text(wait=False)": lambda: official_coll.generate_text(PROMPT, wait=False),
            "get_image": lambda: official_coll.get_image(image.id),
            "image.generate_url()": official_image.generate_url,
            "generate_music(wait=False)": lambda: official.post(
                path="collection/default/generate/audio", data=MUSIC_BODY, wait=False
            ),
            "dub_video(wait=False)": lambda: official.post(
                path="collection/default/generate/video/dub", data=dub, wait=False
            ),
            "get_audio": lambda: official_coll.get_audio(audio.id),
            "audio.generate_url()": official_audio.generate_url,
            "video.generate_stream(parts)": lambda: official_video.generate_stream(PARTS),
            "video.generate_thumbnail(time)": lambda: official_video.generate_thumbnail(2),
            "video.download()": official_video.download,
        },
        "raw httpx": {
            "get_collection": lambda: raw.get("/collection/default").raise_for_status().json(),
            "generate_video(wait=False)": lambda: (
                raw.post(f"{gen}/video/", json=BODY).raise_for_status().json()
            ),
            "generate_image(wait=False)": lambda: (
                raw.post(f"{gen}/image/", json=IMAGE_BODY).raise_for_status().json()
            ),
            "generate_text(wait=False)": lambda: (
                raw.post(f"{gen}/text/", json=TEXT_BODY).raise_for_status().json()
            ),
            "get_image": lambda: raw.get(image_path, params=url_params).raise_for_status().json(),
            "image.generate_url()": lambda: (
                raw.post(f"{image_path}/generate_url", params=url_params).raise_for_status().json()
            ),
            "generate_music(wait=False)": lambda: (
                raw.post(f"{gen}/audio/", json=MUSIC_BODY).raise_for_status().json()
            ),
            "dub_video(wait=False)": lambda: (
                raw.post(f"{gen}/video/dub", json=dub).raise_for_status().json()
            ),
            "get_audio": lambda: raw.get(audio_path, params=url_params).raise_for_status().json(),
            "audio.generate_url()": lambda: (
                raw.post(f"{audio_path}/generate_url", params=url_params).raise_for_status().json()
            ),
            "video.generate_stream(parts)": lambda: (
                raw.post(f"{video_path}/stream", json=stream_body).raise_for_status().json()
            ),
            "video.generate_thumbnail(time)": lambda: (
                raw.post(f"{video_path}/thumbnail", json={"time": 2}).raise_for_status().json()
            ),
            "video.download()": lambda: _raw_download(raw, download_body),
        },
    }


def run() -> dict[str, object]:
    """Median and p99 microseconds per call for each client, and videodb_gen / raw httpx."""
    with sandbox("--job-seconds", "0") as base_url:
        clients = _clients(base_url)
        samples: dict[str, dict[str, list[float]]] = {
            name: {call: [] for call in calls} for name, calls in clients.items()
        }
        for calls in clients.values():  # warm up connections and caches
            for fn in calls.values():
                for _ in range(20):
                    fn()
        # Call by call, every client in turn (in a rotating order), and the calls in a new
        # order each round: a garbage collection, due after so many objects made, would land
        # on the same call of the same client round after round in a fixed order, and
        # measure there what every call pays in turn.
        order = random.Random(REPEATS)
        names = list(clients)
        for round_number in range(REPEATS):
            turn = names[round_number % len(names) :] + names[: round_number % len(names)]
            for call in order.sample(CALLS, len(CALLS)):
                for name in turn:
                    fn = clients[name][call]
                    start = time.perf_counter()
                    fn()
                    samples[name][call].append((time.perf_counter() - start) * 1e6)
    stats = {
        name: {call: summary(v) for call, v in calls.items()} for name, calls in samples.items()
    }
    ratios = {
        call: stats["videodb_gen"][call]["median"] / stats["raw httpx"][call]["median"]
        for call in stats["raw httpx"]
    }
    return {
        "us": stats,
        "ratio_vs_raw_httpx": ratios,
        "target": "videodb_gen median within 1.15x of raw httpx",
        "met": all(r <= 1.15 for r in ratios.values()),
    }


if __name__ == "__main__":
    import json

    print(json.dumps(run(), indent=2))

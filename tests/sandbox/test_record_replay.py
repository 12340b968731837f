"""Record and replay: a session of every SDK call (compositions included) recorded through
`--record` against a second sandbox, then repeated against `--replay` with the upstream
stopped, answer for answer and byte for byte; the recording never holds the key; the flags that
do not go together; replay on a manual clock."""

from __future__ import annotations

import contextlib
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import videodb_gen
from videodb_gen import editor
from videodb_gen.asset import AudioAsset, ImageAsset, VideoAsset
from videodb_gen.timeline import Timeline

from tests._servers import TEST_API_KEY, free_port, running_server
from tests.conftest import sandbox_command

#: What the tests compare: (what was asked, status, body with the server's base URL as BASE).
Answer = tuple[str, int, bytes]


@contextlib.contextmanager
def server(log_dir: Path, name: str, *options: str) -> Iterator[str]:
    """A `videodb-gen mock` with `options` on a free port, stopped afterwards."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    log = log_dir / f"{name}.log"
    with running_server(sandbox_command(port, *options), f"{url}/_sandbox/health", log_path=log):
        yield url


class Session:
    """Every answer a client gets from `base`, in order, with `base` written as BASE."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.answers: list[Answer] = []
        self.media: list[Answer] = []
        hooks = {"response": [self._keep]}
        self.http = httpx.Client(timeout=60, event_hooks=hooks)
        self.media_http = httpx.Client(timeout=60)

    def _keep(self, response: httpx.Response) -> None:
        response.read()
        self.answers.append(self._answer(response))

    def _answer(self, response: httpx.Response) -> Answer:
        asked = f"{response.request.method} {response.request.url}".replace(self.base, "BASE")
        body = response.content.replace(self.base.encode(), b"BASE")
        return asked, response.status_code, body

    def fetch(self, url: str) -> bytes:
        """Fetch a media file (no key, as a player does) and keep it."""
        response = self.media_http.get(url)
        self.media.append(self._answer(response))
        assert response.status_code == 200, (url, response.text)
        return response.content

    def fetch_hls(self, playlist_url: str) -> None:
        """A playlist, the playlists it names, and every segment."""
        text = self.fetch(playlist_url).decode()
        for line in text.splitlines():
            if line and not line.startswith("#"):
                target = str(httpx.URL(playlist_url).join(line))
                if line.endswith(".m3u8"):
                    self.fetch_hls(target)
                else:
                    self.fetch(target)


def run_session(base: str) -> Session:
    """Every generation call of the SDK, the get and URL calls, a video's own calls, and the
    media behind each URL."""
    session = Session(base)
    conn = videodb_gen.connect(api_key=TEST_API_KEY, base_url=base, http_client=session.http)
    coll = conn.get_collection()
    video = coll.generate_video("A lighthouse on a cliff at dawn", duration=5)
    session.fetch_hls(video.stream_url)
    parts = video.generate_stream([(0, 2), (3, 5)])
    session.fetch_hls(parts)
    session.fetch(video.generate_thumbnail())
    still = video.generate_thumbnail(2.5)
    download = video.download()
    mp4 = session.fetch(download.download_url)
    assert mp4[4:8] == b"ftyp"
    image = coll.generate_image("A lighthouse", aspect_ratio="16:9")
    assert coll.get_image(image.id).id == image.id
    session.fetch(image.generate_url())
    session.fetch(conn.get_collection().get_image(still.id).generate_url())
    coll.generate_text("A tagline for a coffee brand")
    music = coll.generate_music("Warm strings", duration=5)
    effect = coll.generate_sound_effect("Waves", duration=2)
    voice = coll.generate_voice("Every morning, the keeper climbs the stairs.")
    for audio in (music, effect, voice):
        assert coll.get_audio(audio.id).id == audio.id
        session.fetch(audio.generate_url())
    dubbed = coll.dub_video(video.id, "es")
    session.fetch_hls(conn.get_video(dubbed.id).stream_url)
    compose(conn, session, video, music, image)
    session.http.close()
    session.media_http.close()
    return session


def compose(
    conn: videodb_gen.Connection,
    session: Session,
    video: videodb_gen.Video,
    music: videodb_gen.Audio,
    image: videodb_gen.Image,
) -> None:
    """The composition calls: a classic timeline's stream, an Editor timeline's stream and its
    MP4, with the media behind them."""
    with pytest.warns(DeprecationWarning, match="editor.Timeline"):  # as the official warns
        classic = Timeline(conn)
    classic.add_inline(VideoAsset(asset_id=video.id, start=1, end=3))
    classic.add_overlay(0, AudioAsset(asset_id=music.id, fade_in_duration=1))
    classic.add_overlay(0, ImageAsset(asset_id=image.id, width=40, height=40, x=10, y=10))
    session.fetch_hls(classic.generate_stream())
    film = editor.Timeline(conn)
    pictures = editor.Track(z_index=0)
    pictures.add_clip(0, editor.Clip(asset=editor.VideoAsset(id=video.id), duration=2))
    sound = editor.Track(z_index=1)
    sound.add_clip(0, editor.Clip(asset=editor.AudioAsset(id=music.id, volume=0.5), duration=2))
    film.add_track(pictures)
    film.add_track(sound)
    stream_url = film.generate_stream()
    session.fetch_hls(stream_url)
    mp4 = session.fetch(film.download_stream(stream_url)["download_url"])
    assert mp4[4:8] == b"ftyp"


def test_a_recorded_session_replays_answer_for_answer_and_byte_for_byte(tmp_path: Path) -> None:
    recording = tmp_path / "rec"
    options = ("--seed", "1234", "--job-seconds", "0")
    with (
        server(tmp_path, "upstream", *options, "--media", "render") as upstream,
        server(tmp_path, "recorder", "--record", upstream, "--state-dir", str(recording)) as rec,
    ):
        recorded = run_session(rec)
    with server(tmp_path, "player", "--replay", str(recording)) as player:
        replayed = run_session(player)
        missing = httpx.get(f"{player}/video/m-never-recorded", headers={"x-access-token": "k"})

    assert len(recorded.answers) >= 20
    assert len(recorded.media) >= 10
    assert all(status == 200 for _, status, _ in recorded.media)
    assert replayed.answers == recorded.answers
    assert replayed.media == recorded.media
    kinds = {asked.rsplit(".", 1)[-1].split("?")[0] for asked, _, _ in recorded.media}
    assert {"m3u8", "ts", "jpg", "mp4"} <= kinds, kinds
    # Every operation of the spec was recorded, compositions included.
    composed = {asked.split("?")[0] for asked, _, _ in recorded.answers}
    assert {"POST BASE/timeline", "POST BASE/editor", "POST BASE/editor/download"} <= composed
    total = sum(len(body) for _, _, body in recorded.media + recorded.answers)
    print(  # the comparison, for the record
        f"answers={len(recorded.answers)} media={len(recorded.media)} bytes={total} all equal"
    )

    assert missing.status_code == 404
    assert missing.json()["error_code"] == "not_recorded"
    assert "GET /video/m-never-recorded" in missing.json()["message"]

    # The key is nowhere in the recording: not in a header, a body, a URL or a query.
    for path in recording.rglob("*"):
        if path.is_file():
            assert TEST_API_KEY.encode() not in path.read_bytes(), path


def test_an_unreachable_upstream_is_a_502_naming_it(tmp_path: Path) -> None:
    gone = f"http://127.0.0.1:{free_port()}"
    with server(tmp_path, "recorder", "--record", gone, "--state-dir", str(tmp_path / "r")) as rec:
        answer = httpx.get(f"{rec}/video/m-1", headers={"x-access-token": TEST_API_KEY})
    assert answer.status_code == 502
    assert gone in answer.json()["message"]
    assert answer.json()["error_code"] == "upstream_unreachable"


def test_a_request_not_recorded_falls_through_to_the_sandbox_when_asked(tmp_path: Path) -> None:
    recording = tmp_path / "rec"
    with (
        server(tmp_path, "upstream", "--job-seconds", "0", "--media", "off") as upstream,
        server(tmp_path, "recorder", "--record", upstream, "--state-dir", str(recording)) as rec,
    ):
        recorded = httpx.get(f"{rec}/collection/default", headers={"x-access-token": "key-1"})
    fallback = ("--replay", str(recording), "--replay-fallback", "sandbox", "--media", "off")
    with server(tmp_path, "player", *fallback) as player:
        again = httpx.get(f"{player}/collection/default", headers={"x-access-token": "key-1"})
        other = httpx.get(f"{player}/video/m-unknown", headers={"x-access-token": "key-1"})
    assert again.status_code == recorded.status_code == 200
    assert again.json() == recorded.json()
    # The sandbox's own answer: its "not found", not the recording's 404.
    assert other.status_code == 404
    assert other.json().get("error_code") != "not_recorded"


@pytest.mark.parametrize(
    ("options", "named"),
    [
        (["--record", "http://127.0.0.1:9", "--replay", "REC"], "--record"),
        (["--record", "http://127.0.0.1:9"], "--record"),
        (["--record", "ftp://example.com", "--state-dir", "REC"], "--record"),
        (["--replay", "EMPTY"], "--replay"),
    ],
)
def test_bad_combinations_are_refused_naming_the_flag(
    tmp_path: Path, options: list[str], named: str
) -> None:
    (tmp_path / "EMPTY").mkdir()
    (tmp_path / "REC").mkdir()
    (tmp_path / "REC" / "recording.json").write_text('{"exchanges": []}')
    argv = [item if item not in ("REC", "EMPTY") else str(tmp_path / item) for item in options]
    done = subprocess.run(  # noqa: S603 - the project's own command
        [sys.executable, "-m", "videodb_mock", *argv], capture_output=True, text=True, check=False
    )
    assert done.returncode == 2
    first = done.stderr.splitlines()[0]
    assert f"error: {named}:" in first, done.stderr


def test_a_job_s_polls_replay_in_the_recorded_order_then_the_last_repeats(tmp_path: Path) -> None:
    recording, recorded = _record_a_job_on_a_manual_clock(tmp_path)
    assert [_progress(answer)[0] for answer in recorded] == ["processing", "processing", "done"]
    auth = {"x-access-token": TEST_API_KEY}
    with server(tmp_path, "player", "--replay", str(recording)) as player:
        again = httpx.post(f"{player}/collection/default/generate/video/", json=JOB, headers=auth)
        poll = f"{player}/async-response/{again.json()['data']['id']}"
        replayed = [httpx.get(poll, headers=auth).text for _ in recorded]
        extra = httpx.get(poll, headers=auth).text
    # On the wall clock, one after the other, with the recorder's base URL read as the player's.
    assert [answer.replace(player, "BASE") for answer in replayed] == recorded
    assert extra.replace(player, "BASE") == recorded[-1]


def _record_a_job_on_a_manual_clock(tmp_path: Path) -> tuple[Path, list[str]]:
    """A job recorded while the upstream's clock was moved 2 s between polls: its answers at
    0, 2 and 4 seconds (processing 0%, processing 50%, done), with the recorder's base as BASE."""
    recording = tmp_path / "rec"
    auth = {"x-access-token": TEST_API_KEY}
    upstream_options = ("--job-seconds", "4", "--clock", "manual", "--media", "off")
    with (
        server(tmp_path, "upstream", *upstream_options) as upstream,
        server(tmp_path, "recorder", "--record", upstream, "--state-dir", str(recording)) as rec,
    ):
        started = httpx.post(f"{rec}/collection/default/generate/video/", json=JOB, headers=auth)
        poll = f"{rec}/async-response/{started.json()['data']['id']}"
        answers = [httpx.get(poll, headers=auth).text]
        for _ in range(2):
            # Moved through the recorder: forwarded, not recorded.
            httpx.post(f"{rec}/_sandbox/clock", json={"advance": 2}).raise_for_status()
            answers.append(httpx.get(poll, headers=auth).text)
    return recording, [answer.replace(rec, "BASE") for answer in answers]


JOB = {"prompt": "a drone", "duration": 5}


def _progress(answer: str) -> tuple[str, object]:
    data = json.loads(answer)
    return data["status"], (data.get("data") or {}).get("percentage")


def test_on_a_manual_clock_a_job_replays_at_the_moments_it_was_recorded(tmp_path: Path) -> None:
    recording, recorded = _record_a_job_on_a_manual_clock(tmp_path)
    assert [_progress(answer)[0] for answer in recorded] == ["processing", "processing", "done"]
    assert _progress(recorded[0]) != _progress(recorded[1]), recorded
    kept = json.loads((recording / "recording.json").read_text())["exchanges"]
    assert not any("/_sandbox/" in exchange["key"] for exchange in kept)
    assert [exchange["at"] - kept[0]["at"] for exchange in kept] == [0, 0, 2, 4]

    auth = {"x-access-token": TEST_API_KEY}
    with server(tmp_path, "player", "--replay", str(recording), "--clock", "manual") as player:
        started = httpx.post(f"{player}/collection/default/generate/video/", json=JOB, headers=auth)
        poll = f"{player}/async-response/{started.json()['data']['id']}"

        def answer() -> str:
            return httpx.get(poll, headers=auth).text.replace(player, "BASE")

        # However often it is polled, the job stays where the clock says.
        at_start = [answer() for _ in range(3)]
        clock = httpx.post(f"{player}/_sandbox/clock", json={"advance": 2})
        at_two = answer()
        httpx.post(f"{player}/_sandbox/clock", json={"advance": 1.5}).raise_for_status()
        at_three_and_a_half = answer()
        httpx.post(f"{player}/_sandbox/clock", json={"advance": 0.5}).raise_for_status()
        at_four = answer()
        reading = httpx.get(f"{player}/_sandbox/clock").json()
    assert at_start == [recorded[0]] * 3
    assert clock.status_code == 200, clock.text
    assert at_two == at_three_and_a_half == recorded[1]
    assert at_four == recorded[2]
    assert reading["clock"] == "manual"
    assert reading["timestamp"] == clock.json()["timestamp"] + 2


def test_a_recording_without_times_replays_in_order_on_a_manual_clock(tmp_path: Path) -> None:
    recording, recorded = _record_a_job_on_a_manual_clock(tmp_path)
    index = recording / "recording.json"
    kept = json.loads(index.read_text())
    for exchange in kept["exchanges"]:
        del exchange["at"]
    index.write_text(json.dumps(kept))
    auth = {"x-access-token": TEST_API_KEY}
    with server(tmp_path, "player", "--replay", str(recording), "--clock", "manual") as player:
        started = httpx.post(f"{player}/collection/default/generate/video/", json=JOB, headers=auth)
        poll = f"{player}/async-response/{started.json()['data']['id']}"
        replayed = [httpx.get(poll, headers=auth).text.replace(player, "BASE") for _ in recorded]
    assert replayed == recorded


@pytest.mark.parametrize(
    "exchanges",
    [
        '[{"key": "GET /x", "status": "200", "content_type": null, "body": "0"}]',
        '[{"key": "GET /x", "status": 200, "content_type": null, "body": "0", "at": "now"}]',
        '[{"key": "GET /x"}]',
    ],
)
def test_a_damaged_recording_is_one_line_naming_its_file(tmp_path: Path, exchanges: str) -> None:
    (tmp_path / "recording.json").write_text(f'{{"exchanges": {exchanges}}}')
    done = subprocess.run(  # noqa: S603 - the project's own command
        [sys.executable, "-m", "videodb_mock", "--replay", str(tmp_path), "--port", "0"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2, done.stderr
    assert "recording.json is not a recording" in done.stderr
    assert "Traceback" not in done.stderr

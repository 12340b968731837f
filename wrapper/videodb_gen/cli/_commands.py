"""The API subcommands of `videodb-gen`: `generate`, `image`, `text`, `music`,
`sound-effect`, `voice`, `dub`, `job`, `video`, and a video's own calls: `stream`,
`thumbnail` and `download`.

Each one checks every argument before anything else (a bad argument is exit 2, before a missing
API key is exit 4, before any request), then talks to the API through the SDK. Expected errors
become one line on stderr and an exit code from `_exit_codes`; Ctrl-C (or SIGTERM) while waiting
names the job so that waiting can be resumed (or, for a download, which `job` cannot follow, says
so). Once every argument has been checked, an id the SDK refuses can only be one the API sent
(a job's, a result's): that is the API's fault, an API error (exit 3), never bad input.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import re
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import attrs

from .._arguments import (
    check_id,
    check_json_object,
    check_prompt,
    check_seconds_in,
    check_timeline,
)
from .._documents import ClassicDocument, EditorDocument, InvalidDocumentError, read_document
from .._exceptions import (
    APIError,
    AuthenticationError,
    GenerationTimeoutError,
    InvalidInputError,
    NotFoundError,
    VideoDBError,
)
from .._operations import (
    DUB_VIDEO,
    GENERATE_IMAGE,
    GENERATE_MUSIC,
    GENERATE_SOUND_EFFECT,
    GENERATE_TEXT,
    GENERATE_VIDEO,
    GENERATE_VOICE,
    Operation,
)
from .._results import DownloadResult, TextResponseType
from .._sync._client import Connection, connect
from .._sync._editor import Timeline as EditorTimeline
from .._sync._resources import Collection, GenerationJob
from .._sync._timeline import Timeline as ClassicTimeline
from . import _download
from . import _settings as settings
from ._exit_codes import ExitCode, UnusableAnswerError, describe, exit_code_for
from ._output import (
    hint,
    job_fields,
    print_error,
    print_job,
    print_json,
    print_result,
    print_stream,
    print_value,
    result_fields,
)
from ._progress import OnProgress, progress_bar
from ._stopping import stopped_code, stopped_word

__all__ = [
    "compose",
    "download",
    "dub",
    "generate",
    "image",
    "job",
    "music",
    "sound_effect",
    "stream",
    "text",
    "thumbnail",
    "video",
    "voice",
]

R = TypeVar("R")


@attrs.define
class _Run:
    """What a command has learnt so far that its error messages need: the job it started,
    and what to do about it if the command stops before the job ends."""

    args: argparse.Namespace
    job_id: str | None = None
    #: For a job `videodb-gen job` cannot follow (a download): what to do instead.
    instead: str | None = None
    #: What Ctrl-C interrupts once the job is done, if anything is still to do (a download).
    interrupting: str | None = None
    #: Whether the command has connected, which it does once every argument is checked.
    connected: bool = False

    def resume_command(self, job_id: str) -> str:
        """The command that resumes waiting for `job_id`, with the base URL if one was given."""
        base = f" --base-url {self.args.base_url}" if self.args.base_url else ""
        return f"videodb-gen job {job_id} --wait{base}"

    def interrupted(self, word: str = "interrupted") -> str:
        """What to say when Ctrl-C (or SIGTERM: `word` is then ``terminated``) stops the
        command."""
        if self.interrupting is not None:
            return f"{word} {self.interrupting}"
        if self.job_id is None:
            return word
        if self.instead is None:
            return f"{word}; resume with: {self.resume_command(self.job_id)}"
        return f"{word}; {self.job_id} keeps running, but cannot be resumed: {self.instead}"

    def unfinished(self, job_id: str) -> str:
        """What to say when waiting for `job_id` stopped (a timeout, the API unreachable)."""
        if self.instead is None:
            return f"the job may still finish; resume with: {self.resume_command(job_id)}"
        return f"{job_id} may still finish, but cannot be resumed: {self.instead}"


Body = Callable[[_Run], int]


def _resumable_job(error: VideoDBError) -> str | None:
    """The job a wait can be resumed for after `error`: not one that is gone or refused."""
    if isinstance(error, GenerationTimeoutError):
        return error.job_id
    if isinstance(error, APIError) and not isinstance(error, NotFoundError | AuthenticationError):
        return error.job_id
    return None


#: The fields of the SDK's checks that hold ids or URLs, and what each is. The command checks
#: those it was given before it connects; any checked afterwards came from the API (the id of
#: the collection it answered with, a job's, a download's or a result's id, a signed URL).
_SENT_BY_THE_API = {
    "collection_id": "collection id",
    "job_id": "job id",
    "video_id": "video id",
    "image_id": "image id",
    "audio_id": "audio id",
    "download_id": "download id",
    "signed_url": "signed URL",
    "stream_link": "stream URL",
    "upload_url": "upload URL",
}


def _sent_by_the_api(run: _Run, error: InvalidInputError) -> bool:
    """Whether `error` is about a value the API sent: a field the command checked before it
    connected, checked again after, or a download's name when `--name` was not given (it is
    then the video's own)."""
    if not run.connected:
        return False
    if error.field == "name":
        return getattr(run.args, "name", None) is None
    return error.field in _SENT_BY_THE_API


def _unusable(run: _Run, error: InvalidInputError) -> UnusableAnswerError:
    """`error`, about a value the API sent, as the API's fault."""
    value = ""
    if error.field == "job_id" and run.job_id is not None and not _usable(run.job_id):
        value = f" {run.job_id!r}"
    what = _SENT_BY_THE_API.get(error.field, "video name")
    return UnusableAnswerError(f"the API sent an unusable {what}{value}: it {error.rule}")


def _usable(job_id: str) -> bool:
    try:
        check_id("job_id", job_id)
    except InvalidInputError:
        return False
    return True


def _run(body: Body, args: argparse.Namespace) -> int:
    """Run a command's body; expected errors, Ctrl-C and SIGTERM become a line on stderr and
    an exit code."""
    run = _Run(args)
    try:
        return body(run)
    except KeyboardInterrupt as stop:
        hint(run.interrupted(stopped_word(stop)))
        return stopped_code(stop)
    except InvalidInputError as error:
        if not _sent_by_the_api(run, error):
            print_error(describe(error))
            return exit_code_for(error)
        print_error(describe(_unusable(run, error)))
        if run.job_id is not None and _usable(run.job_id) and run.instead is None:
            hint(run.unfinished(run.job_id))
        return ExitCode.API_ERROR
    except VideoDBError as error:
        print_error(describe(error))
        job_id = _resumable_job(error)
        if job_id is not None:
            hint(run.unfinished(job_id))
        return exit_code_for(error)


def _connect(run: _Run, base_url: str) -> Connection:
    """Connect with `--api-key` or the environment's key; call after every other check."""
    conn = connect(api_key=settings.api_key(run.args), base_url=base_url)
    run.connected = True
    return conn


def _wait(run: _Run, job: GenerationJob[R]) -> R:
    """Wait for `job` with a progress bar on stderr (none with `--json`)."""
    run.job_id = job.id
    if not run.args.json:
        hint(f"waiting for {job.id}; Ctrl-C stops waiting, the job keeps running")
    with progress_bar(enabled=not run.args.json) as on_progress:
        return job.wait(timeout=run.args.timeout, on_progress=on_progress)


def _show_result(run: _Run, result: object) -> int:
    if run.args.json:
        print_json(result_fields(result))
    else:
        print_result(result)
    return ExitCode.OK


def _not_waited_for(run: _Run, job: GenerationJob[Any]) -> bool:
    """Print `job` and say so when the command does not wait for it: `--no-wait`, or the API
    sends the result to the callback URL."""
    run.job_id = job.id
    check_id("job_id", job.id)  # the API's: one it would refuse as input is its fault
    if not (run.args.no_wait or job.request_type == "async"):
        return False
    if run.args.json:
        print_json(job_fields(job))
    else:
        print_value(job.id)
        if job.request_type == "async":
            hint("the API will send the result to the callback URL")
        hint(f"follow it with: {run.resume_command(job.id)}")
    return True


def _generate(run: _Run) -> int:
    args = run.args
    given = {
        "collection_id": args.collection,
        "prompt": args.prompt,
        "duration": args.duration,
        "callback_url": args.callback_url,
    }
    GENERATE_VIDEO.arguments(given)  # every argument is checked before the key is looked for
    base_url = settings.base_url(args)
    with _connect(run, base_url) as conn:
        collection = conn.get_collection(args.collection)
        job = collection.generate_video(args.prompt, args.duration, args.callback_url, wait=False)
        if _not_waited_for(run, job):
            return ExitCode.OK
        return _show_result(run, _wait(run, job))


def _generated_file(
    run: _Run,
    op: Operation[Any],
    given: dict[str, object],
    start: Callable[[Collection], GenerationJob[Any]],
) -> int:
    """Run a generation whose result is a stored file (an image, an audio): check `given`
    with `op`'s checks and `-o`, `start` the job, wait, and download the file with `-o`."""
    args = run.args
    op.arguments({"collection_id": args.collection, "callback_url": args.callback_url, **given})
    destination = _destination(args)
    if destination is not None and args.no_wait:
        raise InvalidInputError("output", "needs the result: it cannot be used with --no-wait")
    base_url = settings.base_url(args)
    with _connect(run, base_url) as conn:
        job = start(conn.get_collection(args.collection))
        if _not_waited_for(run, job):
            return ExitCode.OK
        made = _wait(run, job)
        saved = None
        if destination is not None:
            saved = _save(made.generate_url(), destination)
        if args.json:
            print_json(result_fields(made) | {"file": saved})
        else:
            print_result(made, saved)
        return ExitCode.OK


def _config(args: argparse.Namespace) -> dict[str, Any] | None:
    """`--config`, a JSON object, or None."""
    if args.config is None:
        return None
    try:
        value = json.loads(args.config)
    except ValueError as error:
        raise InvalidInputError("config", f"must be a JSON object ({error})") from None
    return check_json_object("config", value)


def _image(run: _Run) -> int:
    a = run.args
    return _generated_file(
        run,
        GENERATE_IMAGE,
        {"prompt": a.prompt, "aspect_ratio": a.aspect_ratio},
        lambda coll: coll.generate_image(a.prompt, a.aspect_ratio, a.callback_url, wait=False),
    )


def _music(run: _Run) -> int:
    a = run.args
    return _generated_file(
        run,
        GENERATE_MUSIC,
        {"prompt": a.prompt, "duration": a.duration},
        lambda coll: coll.generate_music(a.prompt, a.duration, a.callback_url, wait=False),
    )


def _sound_effect(run: _Run) -> int:
    a = run.args
    config = _config(a)
    return _generated_file(
        run,
        GENERATE_SOUND_EFFECT,
        {"prompt": a.prompt, "duration": a.duration, "config": config},
        lambda coll: coll.generate_sound_effect(
            a.prompt, a.duration, config, a.callback_url, wait=False
        ),
    )


def _voice(run: _Run) -> int:
    a = run.args
    config = _config(a)
    return _generated_file(
        run,
        GENERATE_VOICE,
        {"text": a.text, "voice_name": a.voice_name, "config": config},
        lambda coll: coll.generate_voice(a.text, a.voice_name, config, a.callback_url, wait=False),
    )


def _dub(run: _Run) -> int:
    args = run.args
    given = {
        "collection_id": args.collection,
        "video_id": args.video_id,
        "language_code": args.language_code,
        "callback_url": args.callback_url,
    }
    DUB_VIDEO.arguments(given)
    base_url = settings.base_url(args)
    with _connect(run, base_url) as conn:
        collection = conn.get_collection(args.collection)
        job = collection.dub_video(args.video_id, args.language_code, args.callback_url, wait=False)
        if _not_waited_for(run, job):
            return ExitCode.OK
        return _show_result(run, _wait(run, job))


def _text(run: _Run) -> int:
    args = run.args
    response_type: TextResponseType = "json" if args.json else "text"
    given = {
        "collection_id": args.collection,
        "prompt": args.prompt,
        "model_name": args.model,
        "response_type": response_type,
        "callback_url": args.callback_url,
        "max_tokens": args.max_tokens,
        "temperature": args.temperature,
    }
    GENERATE_TEXT.arguments(given)
    base_url = settings.base_url(args)
    with _connect(run, base_url) as conn:
        collection = conn.get_collection(args.collection)
        text = collection.generate_text(
            args.prompt,
            args.model,
            response_type,
            wait=False,
            callback_url=args.callback_url,
            max_tokens=args.max_tokens,
            temperature=args.temperature,
        )
        if isinstance(text, GenerationJob):
            if _not_waited_for(run, text):
                return ExitCode.OK
            text = _wait(run, text)
        return _show_result(run, text)


def _job(run: _Run) -> int:
    args = run.args
    job_id = check_id("job_id", args.job_id)
    base_url = settings.base_url(args)
    with _connect(run, base_url) as conn:
        job = conn.get_job(job_id)
        if args.wait:
            return _show_result(run, _wait(run, job))
        if args.json:
            print_json(job_fields(job))
        else:
            print_job(job)
        return ExitCode.OK


def _destination(args: argparse.Namespace) -> Path | None:
    """`-o FILE`, checked (its directory exists), or None."""
    return None if args.output is None else _download.check_destination("output", args.output)


def _save(url: str, destination: Path) -> str:
    """Download `url` to `destination` (never with the API key) and return the file's name."""
    _download.download(url, destination)
    return str(destination)


def _video_ref(args: argparse.Namespace) -> tuple[str, str]:
    """`VIDEO_ID` and `--collection`, checked."""
    video_id = check_id("video_id", args.video_id)
    if not video_id.startswith("m-"):
        # Every video id starts with m-; any other id cannot be found, so say so before asking.
        raise InvalidInputError("video_id", f"must start with 'm-', got {video_id!r}")
    return video_id, check_id("collection_id", args.collection)


def _video(run: _Run) -> int:
    args = run.args
    video_id, collection_id = _video_ref(args)
    base_url = settings.base_url(args)
    with _connect(run, base_url) as conn:
        return _show_result(run, conn.get_video(video_id, collection_id))


# The SDK names a part of a timeline by its index; the command names it as it was typed.
_TIMELINE_PART = re.compile(r"timeline\[(\d+)\](.*)", re.DOTALL)


def _named_part(error: InvalidInputError, parts: list[tuple[float, float]]) -> InvalidInputError:
    """`error` about ``timeline[i]`` as one about the `--part` that gave it."""
    found = _TIMELINE_PART.fullmatch(error.field)
    if found is None or int(found[1]) >= len(parts):
        return error
    start, end = parts[int(found[1])]
    return InvalidInputError(f"--part {start:g}:{end:g}{found[2]}", error.rule)


def _stream(run: _Run) -> int:
    args = run.args
    video_id, collection_id = _video_ref(args)
    parts: list[tuple[float, float]] | None = args.part
    try:
        if parts is not None:
            check_timeline("timeline", parts, None)  # all but the video's length, before asking
        base_url = settings.base_url(args)
        with _connect(run, base_url) as conn:
            video = conn.get_video(video_id, collection_id)
            url = video.generate_stream(parts)  # checks the parts against the video's length
    except InvalidInputError as error:
        if parts is None:
            raise
        raise _named_part(error, parts) from None
    if args.json:
        timeline = None if parts is None else [list(part) for part in parts]
        print_json({"video_id": video.id, "timeline": timeline, "stream_url": url})
    else:
        print_value(url)
    return ExitCode.OK


def _thumbnail(run: _Run) -> int:
    args = run.args
    video_id, collection_id = _video_ref(args)
    if args.time is not None:
        check_seconds_in("time", args.time, None)  # all but the video's length, before asking
    destination = _destination(args)
    base_url = settings.base_url(args)
    with _connect(run, base_url) as conn:
        video = conn.get_video(video_id, collection_id)
        if args.time is None:
            url = video.generate_thumbnail()
            saved = None if destination is None else _save(url, destination)
            if args.json:
                print_json({"video_id": video.id, "thumbnail_url": url, "file": saved})
            else:
                print_value(url)
                if saved is not None:
                    hint(f"saved {saved}")
            return ExitCode.OK
        image = video.generate_thumbnail(args.time)
        saved = None if destination is None else _save(image.generate_url(), destination)
        if args.json:
            print_json(result_fields(image) | {"file": saved})
        else:
            print_result(image, saved)
        return ExitCode.OK


StartDownload = Callable[[Callable[[GenerationJob[Any]], None]], DownloadResult]


def _wait_for_download(run: _Run, start: StartDownload) -> DownloadResult:
    """`start` an MP4 (given the progress callback) and wait for it, with the progress bar of
    a generation.

    The download's id is known only once it has started: the hint and the bar come then.
    """
    run.instead = (
        "'videodb-gen job' follows generations, not downloads; run this command again for a new one"
    )
    with contextlib.ExitStack() as stack:
        bar: OnProgress | None = None

        def on_progress(job: GenerationJob[Any]) -> None:
            nonlocal bar
            if run.job_id is None:
                run.job_id = job.id
                if not run.args.json:
                    hint(f"waiting for {job.id}; Ctrl-C stops waiting, the download keeps running")
                bar = stack.enter_context(progress_bar(enabled=not run.args.json))
            if bar is not None:
                bar(job)

        return start(on_progress)


def _download_body(run: _Run) -> int:
    args = run.args
    video_id, collection_id = _video_ref(args)
    name = None if args.name is None else check_prompt("name", args.name)
    destination = _destination(args)
    base_url = settings.base_url(args)
    with _connect(run, base_url) as conn:
        video = conn.get_video(video_id, collection_id)
        made = _wait_for_download(
            run, lambda progress: video.download(name, timeout=args.timeout, on_progress=progress)
        )
        saved = None
        if destination is not None:
            run.interrupting = f"while saving {destination}; nothing was saved"
            saved = _save(made.download_url, destination)
            run.interrupting = None
        if args.json:
            print_json(result_fields(made) | {"file": saved})
        else:
            print_result(made, saved)
        return ExitCode.OK


def _read_document(path: str) -> ClassicDocument | EditorDocument:
    """The composition in the file at `path`, made into the SDK's values.

    Raises:
        InvalidInputError: The file cannot be read or is not JSON (one fault).
        InvalidDocumentError: The document breaks its rules (a fault per rule).
    """
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as error:
        raise InvalidInputError(path, f"cannot be read: {error.strerror or error}") from None
    except UnicodeDecodeError as error:
        raise InvalidInputError(path, f"is not UTF-8 text ({error.reason})") from None
    except ValueError as error:
        raise InvalidInputError(path, f"is not JSON: {error}") from None
    return read_document(data)


def _compile(
    run: _Run, conn: Connection, document: ClassicDocument | EditorDocument, download: bool
) -> tuple[str, str | None, DownloadResult | None]:
    """Compile `document` on `conn`, and make its MP4 if `download`: its stream, its player
    and its download."""
    timeout = run.args.timeout
    made = None
    if isinstance(document, ClassicDocument):
        with warnings.catch_warnings():  # the command's choice of API, not its user's
            warnings.simplefilter("ignore", DeprecationWarning)
            classic = ClassicTimeline(conn)
        for entry in document.entries:
            if isinstance(entry, tuple):
                classic.add_overlay(*entry)
            else:
                classic.add_inline(entry)
        url = classic.generate_stream()
        if download:
            made = _wait_for_download(
                run, lambda progress: classic.download(timeout=timeout, on_progress=progress)
            )
        return url, classic.player_url, made
    timeline = EditorTimeline(conn)
    timeline.background, timeline.resolution = document.background, document.resolution
    for track in document.tracks:
        timeline.add_track(track)
    url = timeline.generate_stream()
    if download:
        made = _wait_for_download(
            run,
            lambda progress: timeline.download_stream(url, timeout=timeout, on_progress=progress),
        )
    return url, timeline.player_url, made


def _compose(run: _Run) -> int:
    args = run.args
    try:
        document = _read_document(args.file)
    except InvalidDocumentError as error:
        for fault in error.faults:
            print_error(fault)
        return ExitCode.BAD_INPUT
    destination = _destination(args)
    base_url = settings.base_url(args)
    with _connect(run, base_url) as conn:
        url, player, made = _compile(run, conn, document, destination is not None)
        saved = None
        if made is not None and destination is not None:
            run.interrupting = f"while saving {destination}; nothing was saved"
            saved = _save(made.download_url, destination)
            run.interrupting = None
    if args.json:
        kind = "classic" if isinstance(document, ClassicDocument) else "editor"
        download = None if made is None else result_fields(made)
        print_json(
            {"kind": kind, "stream_url": url, "player_url": player}
            | {"download": download, "file": saved}
        )
    else:
        print_stream(url, player, made, saved)
    return ExitCode.OK


def generate(args: argparse.Namespace, _rest: list[str]) -> int:
    """generate a video from a prompt

    Generate a video from PROMPT, show a progress bar while the job runs, and print the video's
    id, stream URL and player URL.
    """
    return _run(_generate, args)


def image(args: argparse.Namespace, _rest: list[str]) -> int:
    """generate an image from a prompt

    Generate an image from PROMPT, show a progress bar while the job runs, and print the
    image's id and size. With -o FILE, download it there from a signed URL (the API key is
    never sent with that download).
    """
    return _run(_image, args)


def music(args: argparse.Namespace, _rest: list[str]) -> int:
    """generate music from a prompt

    Generate music from PROMPT, show a progress bar while the job runs, and print the audio's
    id and length. With -o FILE, download it there from a signed URL (the API key is never
    sent with that download).
    """
    return _run(_music, args)


def sound_effect(args: argparse.Namespace, _rest: list[str]) -> int:
    """generate a sound effect from a prompt

    Generate a sound effect from PROMPT, show a progress bar while the job runs, and print the
    audio's id and length. With -o FILE, download it there from a signed URL (the API key is
    never sent with that download).
    """
    return _run(_sound_effect, args)


def voice(args: argparse.Namespace, _rest: list[str]) -> int:
    """generate a voice speaking a text

    Generate a voice speaking TEXT (its length follows the text), show a progress bar while
    the job runs, and print the audio's id and length. With -o FILE, download it there from
    a signed URL (the API key is never sent with that download).
    """
    return _run(_voice, args)


def dub(args: argparse.Namespace, _rest: list[str]) -> int:
    """dub a video into another language

    Dub the video VIDEO_ID into LANGUAGE (ISO 639-1, optionally with a region: es, en_us),
    show a progress bar while the job runs, and print the new video: the same pictures and
    length, with a new audio track.
    """
    return _run(_dub, args)


def text(args: argparse.Namespace, _rest: list[str]) -> int:
    """generate text from a prompt

    Generate text from PROMPT and print it. With --json, ask for a JSON object and print it as
    JSON. A progress bar is shown while a job runs, if the API answers with one.
    """
    return _run(_text, args)


def job(args: argparse.Namespace, _rest: list[str]) -> int:
    """show a generation job, or wait for it

    Print a generation job's state; the exit status is 0 whatever the state. With --wait, wait
    for it with a progress bar and print what it made (a failed job is then exit 3): this
    resumes a wait that was interrupted or timed out.
    """
    return _run(_job, args)


def video(args: argparse.Namespace, _rest: list[str]) -> int:
    """show a video

    Print a video's id, stream URL and player URL.
    """
    return _run(_video, args)


def stream(args: argparse.Namespace, _rest: list[str]) -> int:
    """print the stream URL of parts of a video

    Print the URL of a new HLS stream that plays the parts of VIDEO_ID given with --part
    START:END (seconds), in order; without --part, the video's own stream URL. Each part must
    lie within the video and end after it starts.
    """
    return _run(_stream, args)


def thumbnail(args: argparse.Namespace, _rest: list[str]) -> int:
    """print a video's thumbnail, or make one of a moment

    Print the URL of VIDEO_ID's thumbnail. With --time SECONDS, make an image of that moment
    of the video instead, stored in its collection, and print the image's id and size. With -o
    FILE, download the thumbnail or the image there (the API key is never sent with that
    download).
    """
    return _run(_thumbnail, args)


def download(args: argparse.Namespace, _rest: list[str]) -> int:
    """make an MP4 of a video, and download it

    Make a downloadable MP4 of VIDEO_ID, show a progress bar while the download job runs, and
    print its id, name and download URL (which serves the MP4 without the API key). With -o
    FILE, download the MP4 there. The download job cannot be followed with 'videodb-gen job':
    after Ctrl-C or a timeout, run the command again for a new one.
    """
    return _run(_download_body, args)


def compose(args: argparse.Namespace, _rest: list[str]) -> int:
    """compose videos, audio, images and texts into one stream

    Read a composition from FILE (JSON): a classic timeline, {"request_type": "compile",
    "timeline": [...]}, or an Editor timeline, {"timeline": {"tracks": [...]}}. Check it
    (every fault is one line naming its place in the document, exit 2, before any request),
    compile it, and print its stream URL and player URL. With -o FILE.mp4, make an MP4 of it
    and download it there (the API key is never sent with that download).
    """
    return _run(_compose, args)

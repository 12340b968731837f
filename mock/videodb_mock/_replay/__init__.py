"""Record a real server's answers (`--record`) and serve them offline (`--replay`)."""

from __future__ import annotations

from starlette.types import ASGIApp

from videodb_mock._settings import SandboxConfig, check_combinations


def replay_app(config: SandboxConfig, base_url: str) -> ASGIApp | None:
    """The recorder or the player `config` asks for, serving at `base_url`; None for neither.

    Raises:
        SettingError: `--record` and `--replay` together, or `--record` without `--state-dir`.
        RecordingError: `--replay` names a folder whose recording cannot be read.
    """
    from videodb_mock._replay.player import Player, PlayerClock  # noqa: PLC0415 - when asked
    from videodb_mock._replay.recorder import Recorder  # noqa: PLC0415
    from videodb_mock._replay.recording import Recording  # noqa: PLC0415

    if config.record is None and config.replay is None:
        return None
    check_combinations(config)
    if config.record is not None and config.state_dir is not None:
        return Recorder(config.record, config.state_dir, base_url)
    if config.replay is not None:
        recording = Recording.load(config.replay)
        if config.replay_fallback == "sandbox":
            from videodb_mock._app import create_app  # noqa: PLC0415

            # The sandbox behind the player shares its clock with the replay.
            sandbox = create_app(config, base_url=base_url)
            return Player(recording, base_url, sandbox, sandbox.sandbox)
        return Player(recording, base_url, None, PlayerClock(config))
    return None

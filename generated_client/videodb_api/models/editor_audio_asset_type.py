from typing import Literal

EditorAudioAssetType = Literal["audio"]

EDITOR_AUDIO_ASSET_TYPE_VALUES: set[EditorAudioAssetType] = {
    "audio",
}


def check_editor_audio_asset_type(value: str) -> EditorAudioAssetType:
    if value in EDITOR_AUDIO_ASSET_TYPE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {EDITOR_AUDIO_ASSET_TYPE_VALUES!r}"
    )

from typing import Literal

GenerateVoiceRequestAudioType = Literal["speech", "voice"]

GENERATE_VOICE_REQUEST_AUDIO_TYPE_VALUES: set[GenerateVoiceRequestAudioType] = {
    "speech",
    "voice",
}


def check_generate_voice_request_audio_type(
    value: str,
) -> GenerateVoiceRequestAudioType:
    if value in GENERATE_VOICE_REQUEST_AUDIO_TYPE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {GENERATE_VOICE_REQUEST_AUDIO_TYPE_VALUES!r}"
    )

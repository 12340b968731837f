"""Contains all the data models used in inputs/outputs.

A model's module is imported when the model is first used (PEP 562): a program pays for
defining only the models it touches, not all of them at ``import videodb_api``.
"""

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .aspect_ratio import AspectRatio
    from .audio import Audio
    from .audio_config import AudioConfig
    from .audio_response import AudioResponse
    from .collection import Collection
    from .collection_response import CollectionResponse
    from .download import Download
    from .download_request import DownloadRequest
    from .download_state import DownloadState
    from .download_status import DownloadStatus
    from .dub_video_request import DubVideoRequest
    from .editor_audio_asset import EditorAudioAsset
    from .editor_audio_asset_type import EditorAudioAssetType
    from .editor_clip import EditorClip
    from .editor_clip_position import EditorClipPosition
    from .editor_crop import EditorCrop
    from .editor_download_request import EditorDownloadRequest
    from .editor_filter import EditorFilter
    from .editor_fit import EditorFit
    from .editor_image_asset import EditorImageAsset
    from .editor_image_asset_type import EditorImageAssetType
    from .editor_inline_request import EditorInlineRequest
    from .editor_offset import EditorOffset
    from .editor_text_asset import EditorTextAsset
    from .editor_text_asset_alignment import EditorTextAssetAlignment
    from .editor_text_asset_alignment_horizontal import (
        EditorTextAssetAlignmentHorizontal,
    )
    from .editor_text_asset_alignment_vertical import EditorTextAssetAlignmentVertical
    from .editor_text_asset_background import EditorTextAssetBackground
    from .editor_text_asset_background_text_alignment import (
        EditorTextAssetBackgroundTextAlignment,
    )
    from .editor_text_asset_border import EditorTextAssetBorder
    from .editor_text_asset_font import EditorTextAssetFont
    from .editor_text_asset_shadow import EditorTextAssetShadow
    from .editor_text_asset_type import EditorTextAssetType
    from .editor_timeline import EditorTimeline
    from .editor_track import EditorTrack
    from .editor_track_item import EditorTrackItem
    from .editor_transition import EditorTransition
    from .editor_uploaded_request import EditorUploadedRequest
    from .editor_video_asset import EditorVideoAsset
    from .editor_video_asset_type import EditorVideoAssetType
    from .error_response import ErrorResponse
    from .generate_image_request import GenerateImageRequest
    from .generate_music_request import GenerateMusicRequest
    from .generate_sound_effect_request import GenerateSoundEffectRequest
    from .generate_text_inline_request import GenerateTextInlineRequest
    from .generate_text_uploaded_request import GenerateTextUploadedRequest
    from .generate_video_request import GenerateVideoRequest
    from .generate_voice_request import GenerateVoiceRequest
    from .generate_voice_request_audio_type import GenerateVoiceRequestAudioType
    from .generated_text import GeneratedText
    from .generated_text_output_type_1 import GeneratedTextOutputType1
    from .generation_job_ref import GenerationJobRef
    from .generation_started import GenerationStarted
    from .generation_started_request_type import GenerationStartedRequestType
    from .hosted_job import HostedJob
    from .hosted_job_job_type import HostedJobJobType
    from .hosted_job_response import HostedJobResponse
    from .hosted_job_state import HostedJobState
    from .hosted_job_state_status import HostedJobStateStatus
    from .image import Image
    from .image_response import ImageResponse
    from .job_complete import JobComplete
    from .job_done import JobDone
    from .job_failed import JobFailed
    from .job_progress import JobProgress
    from .job_running import JobRunning
    from .job_running_status import JobRunningStatus
    from .model_config import ModelConfig
    from .signed_url import SignedUrl
    from .signed_url_response import SignedUrlResponse
    from .stream import Stream
    from .stream_response import StreamResponse
    from .text_response import TextResponse
    from .text_response_type import TextResponseType
    from .text_style import TextStyle
    from .thumbnail import Thumbnail
    from .thumbnail_response import ThumbnailResponse
    from .timeline_audio_overlay import TimelineAudioOverlay
    from .timeline_image_overlay import TimelineImageOverlay
    from .timeline_request import TimelineRequest
    from .timeline_request_request_type import TimelineRequestRequestType
    from .timeline_text_overlay import TimelineTextOverlay
    from .timeline_video import TimelineVideo
    from .upload_url import UploadUrl
    from .upload_url_response import UploadUrlResponse
    from .video import Video
    from .video_response import VideoResponse
    from .video_stream_request import VideoStreamRequest
    from .video_thumbnail_request import VideoThumbnailRequest

#: The module of each model, relative to this package.
_MODULES = {
    "AspectRatio": ".aspect_ratio",
    "Audio": ".audio",
    "AudioConfig": ".audio_config",
    "AudioResponse": ".audio_response",
    "Collection": ".collection",
    "CollectionResponse": ".collection_response",
    "Download": ".download",
    "DownloadRequest": ".download_request",
    "DownloadState": ".download_state",
    "DownloadStatus": ".download_status",
    "DubVideoRequest": ".dub_video_request",
    "EditorAudioAsset": ".editor_audio_asset",
    "EditorAudioAssetType": ".editor_audio_asset_type",
    "EditorClip": ".editor_clip",
    "EditorClipPosition": ".editor_clip_position",
    "EditorCrop": ".editor_crop",
    "EditorDownloadRequest": ".editor_download_request",
    "EditorFilter": ".editor_filter",
    "EditorFit": ".editor_fit",
    "EditorImageAsset": ".editor_image_asset",
    "EditorImageAssetType": ".editor_image_asset_type",
    "EditorInlineRequest": ".editor_inline_request",
    "EditorOffset": ".editor_offset",
    "EditorTextAsset": ".editor_text_asset",
    "EditorTextAssetAlignment": ".editor_text_asset_alignment",
    "EditorTextAssetAlignmentHorizontal": ".editor_text_asset_alignment_horizontal",
    "EditorTextAssetAlignmentVertical": ".editor_text_asset_alignment_vertical",
    "EditorTextAssetBackground": ".editor_text_asset_background",
    "EditorTextAssetBackgroundTextAlignment": ".editor_text_asset_background_text_alignment",
    "EditorTextAssetBorder": ".editor_text_asset_border",
    "EditorTextAssetFont": ".editor_text_asset_font",
    "EditorTextAssetShadow": ".editor_text_asset_shadow",
    "EditorTextAssetType": ".editor_text_asset_type",
    "EditorTimeline": ".editor_timeline",
    "EditorTrack": ".editor_track",
    "EditorTrackItem": ".editor_track_item",
    "EditorTransition": ".editor_transition",
    "EditorUploadedRequest": ".editor_uploaded_request",
    "EditorVideoAsset": ".editor_video_asset",
    "EditorVideoAssetType": ".editor_video_asset_type",
    "ErrorResponse": ".error_response",
    "GenerateImageRequest": ".generate_image_request",
    "GenerateMusicRequest": ".generate_music_request",
    "GenerateSoundEffectRequest": ".generate_sound_effect_request",
    "GenerateTextInlineRequest": ".generate_text_inline_request",
    "GenerateTextUploadedRequest": ".generate_text_uploaded_request",
    "GenerateVideoRequest": ".generate_video_request",
    "GenerateVoiceRequest": ".generate_voice_request",
    "GenerateVoiceRequestAudioType": ".generate_voice_request_audio_type",
    "GeneratedText": ".generated_text",
    "GeneratedTextOutputType1": ".generated_text_output_type_1",
    "GenerationJobRef": ".generation_job_ref",
    "GenerationStarted": ".generation_started",
    "GenerationStartedRequestType": ".generation_started_request_type",
    "HostedJob": ".hosted_job",
    "HostedJobJobType": ".hosted_job_job_type",
    "HostedJobResponse": ".hosted_job_response",
    "HostedJobState": ".hosted_job_state",
    "HostedJobStateStatus": ".hosted_job_state_status",
    "Image": ".image",
    "ImageResponse": ".image_response",
    "JobComplete": ".job_complete",
    "JobDone": ".job_done",
    "JobFailed": ".job_failed",
    "JobProgress": ".job_progress",
    "JobRunning": ".job_running",
    "JobRunningStatus": ".job_running_status",
    "ModelConfig": ".model_config",
    "SignedUrl": ".signed_url",
    "SignedUrlResponse": ".signed_url_response",
    "Stream": ".stream",
    "StreamResponse": ".stream_response",
    "TextResponse": ".text_response",
    "TextResponseType": ".text_response_type",
    "TextStyle": ".text_style",
    "Thumbnail": ".thumbnail",
    "ThumbnailResponse": ".thumbnail_response",
    "TimelineAudioOverlay": ".timeline_audio_overlay",
    "TimelineImageOverlay": ".timeline_image_overlay",
    "TimelineRequest": ".timeline_request",
    "TimelineRequestRequestType": ".timeline_request_request_type",
    "TimelineTextOverlay": ".timeline_text_overlay",
    "TimelineVideo": ".timeline_video",
    "UploadUrl": ".upload_url",
    "UploadUrlResponse": ".upload_url_response",
    "Video": ".video",
    "VideoResponse": ".video_response",
    "VideoStreamRequest": ".video_stream_request",
    "VideoThumbnailRequest": ".video_thumbnail_request",
}


def __getattr__(name: str) -> Any:
    module = _MODULES.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_MODULES])


__all__ = (
    "AspectRatio",
    "Audio",
    "AudioConfig",
    "AudioResponse",
    "Collection",
    "CollectionResponse",
    "Download",
    "DownloadRequest",
    "DownloadState",
    "DownloadStatus",
    "DubVideoRequest",
    "EditorAudioAsset",
    "EditorAudioAssetType",
    "EditorClip",
    "EditorClipPosition",
    "EditorCrop",
    "EditorDownloadRequest",
    "EditorFilter",
    "EditorFit",
    "EditorImageAsset",
    "EditorImageAssetType",
    "EditorInlineRequest",
    "EditorOffset",
    "EditorTextAsset",
    "EditorTextAssetAlignment",
    "EditorTextAssetAlignmentHorizontal",
    "EditorTextAssetAlignmentVertical",
    "EditorTextAssetBackground",
    "EditorTextAssetBackgroundTextAlignment",
    "EditorTextAssetBorder",
    "EditorTextAssetFont",
    "EditorTextAssetShadow",
    "EditorTextAssetType",
    "EditorTimeline",
    "EditorTrack",
    "EditorTrackItem",
    "EditorTransition",
    "EditorUploadedRequest",
    "EditorVideoAsset",
    "EditorVideoAssetType",
    "ErrorResponse",
    "GenerateImageRequest",
    "GenerateMusicRequest",
    "GenerateSoundEffectRequest",
    "GenerateTextInlineRequest",
    "GenerateTextUploadedRequest",
    "GenerateVideoRequest",
    "GenerateVoiceRequest",
    "GenerateVoiceRequestAudioType",
    "GeneratedText",
    "GeneratedTextOutputType1",
    "GenerationJobRef",
    "GenerationStarted",
    "GenerationStartedRequestType",
    "HostedJob",
    "HostedJobJobType",
    "HostedJobResponse",
    "HostedJobState",
    "HostedJobStateStatus",
    "Image",
    "ImageResponse",
    "JobComplete",
    "JobDone",
    "JobFailed",
    "JobProgress",
    "JobRunning",
    "JobRunningStatus",
    "ModelConfig",
    "SignedUrl",
    "SignedUrlResponse",
    "Stream",
    "StreamResponse",
    "TextResponse",
    "TextResponseType",
    "TextStyle",
    "Thumbnail",
    "ThumbnailResponse",
    "TimelineAudioOverlay",
    "TimelineImageOverlay",
    "TimelineRequest",
    "TimelineRequestRequestType",
    "TimelineTextOverlay",
    "TimelineVideo",
    "UploadUrl",
    "UploadUrlResponse",
    "Video",
    "VideoResponse",
    "VideoStreamRequest",
    "VideoThumbnailRequest",
)

"""Contains all the data models used in inputs/outputs"""

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
from .thumbnail import Thumbnail
from .thumbnail_response import ThumbnailResponse
from .upload_url import UploadUrl
from .upload_url_response import UploadUrlResponse
from .video import Video
from .video_response import VideoResponse
from .video_stream_request import VideoStreamRequest
from .video_thumbnail_request import VideoThumbnailRequest

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
    "Thumbnail",
    "ThumbnailResponse",
    "UploadUrl",
    "UploadUrlResponse",
    "Video",
    "VideoResponse",
    "VideoStreamRequest",
    "VideoThumbnailRequest",
)

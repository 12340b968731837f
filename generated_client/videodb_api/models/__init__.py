"""Contains all the data models used in inputs/outputs"""

from .collection import Collection
from .collection_response import CollectionResponse
from .error_response import ErrorResponse
from .generate_video_request import GenerateVideoRequest
from .generate_video_response import GenerateVideoResponse
from .generate_video_response_request_type import GenerateVideoResponseRequestType
from .generation_job_ref import GenerationJobRef
from .job_complete import JobComplete
from .job_done import JobDone
from .job_failed import JobFailed
from .job_progress import JobProgress
from .job_running import JobRunning
from .job_running_status import JobRunningStatus
from .video import Video
from .video_response import VideoResponse

__all__ = (
    "Collection",
    "CollectionResponse",
    "ErrorResponse",
    "GenerateVideoRequest",
    "GenerateVideoResponse",
    "GenerateVideoResponseRequestType",
    "GenerationJobRef",
    "JobComplete",
    "JobDone",
    "JobFailed",
    "JobProgress",
    "JobRunning",
    "JobRunningStatus",
    "Video",
    "VideoResponse",
)

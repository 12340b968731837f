"""Contains endpoint functions for accessing the API"""

from . import (
    download_stream,
    generate_video_stream,
    generate_video_thumbnail,
    get_download,
    get_video,
    get_video_thumbnail,
)

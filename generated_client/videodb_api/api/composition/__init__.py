"""Contains endpoint functions for accessing the API"""

from . import compile_timeline, compose_editor_timeline, download_editor_stream

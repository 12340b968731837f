"""Contains endpoint functions for accessing the API"""

from . import get_audio, get_audio_url

"""The package's version, sent in the `x-videodb-client` header."""

__version__ = "0.1.0"

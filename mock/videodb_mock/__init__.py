"""The offline VideoDB sandbox server."""

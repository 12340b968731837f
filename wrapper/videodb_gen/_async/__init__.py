# Async source of the sync twin in _sync/, which `make generate` writes (scripts/unasync.py).
"""The SDK's I/O layer: the engine that runs operations, the handles it returns, connections."""

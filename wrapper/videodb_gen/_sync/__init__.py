# Generated from _async/__init__.py by scripts/unasync.py: do not edit.
"""The SDK's I/O layer: the engine that runs operations, the handles it returns, connections."""

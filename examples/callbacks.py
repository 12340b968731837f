"""Have the API POST the result to a `callback_url`, and receive it with a tiny local server.

The receiver is `http.server` in a thread on 127.0.0.1, so this runs against the offline
sandbox (see quickstart.py). The real API needs a URL it can reach from the internet, and may
deliver the same result more than once, so a real receiver should be idempotent.
"""

from __future__ import annotations

import json
import queue
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import videodb_gen as videodb

Payload = dict[str, Any]


def start_receiver(received: queue.Queue[Payload]) -> ThreadingHTTPServer:
    """Serve on a free local port; each JSON body POSTed to it is put on `received`."""

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("content-length", "0"))
            received.put(json.loads(self.rfile.read(length)))
            self.send_response(200)
            self.send_header("content-length", "0")
            self.end_headers()

        def log_message(self, format: str, *args: Any) -> None:
            pass  # keep the example's output to what it prints itself

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def main() -> None:
    """Generate a video with a callback URL and print the payload the callback delivers."""
    received: queue.Queue[Payload] = queue.Queue()
    server = start_receiver(received)
    callback_url = f"http://127.0.0.1:{server.server_address[1]}/videodb-callback"
    try:
        with videodb.connect() as conn:
            result = conn.get_collection().generate_video(
                "A hot-air balloon over a desert at sunrise", duration=5, callback_url=callback_url
            )
        if isinstance(result, videodb.Video):
            print(f"generated {result.id}")
        else:  # the API answered "async": the callback is the only way the video arrives
            print(f"started {result.id}; the result will come to the callback")
        payload = received.get(timeout=60)
        print("callback payload:", json.dumps(payload, sort_keys=True))
        if payload.get("success"):
            print(f"callback delivered {payload['data']['id']} {payload['data']['stream_url']}")
    finally:
        server.shutdown()
        server.server_close()


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""A local RFC 3161 timestamp authority for tests: each POSTed TimeStampReq is
answered by `openssl ts -reply`. Listens on 127.0.0.1 (port chosen by the
system, written to --port-file), and stops by itself after --max-requests
requests or --lifetime seconds, whichever comes first.
"""
import argparse
import http.server
import os
import subprocess
import tempfile
import threading

MAX_REQUEST_BYTES = 64 * 1024


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--config", required=True, help="openssl ts -reply configuration")
    ap.add_argument("--port-file", required=True)
    ap.add_argument("--max-requests", type=int, default=8)
    ap.add_argument("--lifetime", type=float, default=120.0)
    args = ap.parse_args()
    served = {"n": 0}

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self):
            served["n"] += 1
            length = int(self.headers.get("Content-Length", "0"))
            if self.headers.get("Content-Type") != "application/timestamp-query" or not 0 < length <= MAX_REQUEST_BYTES:
                self.send_error(400, "expected application/timestamp-query")
                return
            body = self.rfile.read(length)
            with tempfile.TemporaryDirectory() as tmp:
                query = os.path.join(tmp, "req.tsq")
                reply = os.path.join(tmp, "resp.tsr")
                with open(query, "wb") as f:
                    f.write(body)
                rc = subprocess.run(["openssl", "ts", "-reply", "-config", args.config, "-queryfile", query,
                                     "-out", reply], capture_output=True).returncode
                if rc != 0:
                    self.send_error(500, "openssl ts -reply failed")
                    return
                with open(reply, "rb") as f:
                    answer = f.read()
            self.send_response(200)
            self.send_header("Content-Type", "application/timestamp-reply")
            self.send_header("Content-Length", str(len(answer)))
            self.end_headers()
            self.wfile.write(answer)

        def log_message(self, *_):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    server.timeout = 1.0
    with open(args.port_file + ".tmp", "w") as f:
        f.write(str(server.server_address[1]))
    os.rename(args.port_file + ".tmp", args.port_file)
    stop = threading.Event()
    threading.Timer(args.lifetime, stop.set).start()
    while not stop.is_set() and served["n"] < args.max_requests:
        server.handle_request()
    os._exit(0)


if __name__ == "__main__":
    main()

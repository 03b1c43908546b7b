#!/usr/bin/env python3
"""Loopback HTTP server for the content lab: accepts uploads (POST, any body;
PUT to /put/NAME) and keeps each body in the folder it serves, and sends a
file back gzip-encoded in chunks (GET /gzip/NAME), as a web server that
compresses on the fly does. Usage: upload_server.py PORT FOLDER
"""
import gzip
import http.server
import os
import sys

ROOT = ""


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):  # quiet: the test prints what matters
        pass

    def read_body(self):
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            data = b""
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip(), 16)
                if size == 0:
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass
                    return data
                data += self.rfile.read(size)
                self.rfile.readline()
        return self.rfile.read(int(self.headers.get("Content-Length", "0")))

    def reply(self, code, body=b"ok\n"):
        self.send_response(code)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self):
        body = self.read_body()
        with open(os.path.join(ROOT, "last_post.bin"), "wb") as f:
            f.write(body)
        self.reply(201)

    def do_PUT(self):
        body = self.read_body()
        name = os.path.basename(self.path)
        with open(os.path.join(ROOT, "put_" + name), "wb") as f:
            f.write(body)
        self.reply(201)

    def do_GET(self):
        if not self.path.startswith("/gzip/"):
            self.reply(404, b"not found\n")
            return
        path = os.path.join(ROOT, os.path.basename(self.path))
        if not os.path.isfile(path):
            self.reply(404, b"not found\n")
            return
        with open(path, "rb") as f:
            packed = gzip.compress(f.read())
        self.send_response(200)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        for i in range(0, len(packed), 100):  # several chunks
            piece = packed[i:i + 100]
            self.wfile.write(b"%x\r\n%s\r\n" % (len(piece), piece))
        self.wfile.write(b"0\r\n\r\n")


def main():
    global ROOT
    port, ROOT = int(sys.argv[1]), sys.argv[2]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), Handler)
    server.serve_forever()


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""An HTTP/1.1 server that answers every request with what it received, for the transport's tests.

    echo_server.py       binds 127.0.0.1 on a free port and prints "PORT <n>" once ready.

The answer (200, JSON) is {"connection": N, "method", "target", "headers": [[name, value], ...] in the
order sent, "body"}, where N numbers the TCP connections in the order they were accepted, so a client
that keeps its connection alive sends several requests with the same N. Connections stay open.
A target starting with /redirect is answered 302 to /elsewhere instead.
"""
import itertools, json, sys, threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

COUNTER = itertools.count(1)
LOCK = threading.Lock()


class Handler(BaseHTTPRequestHandler):
    protocol_version = 'HTTP/1.1'

    def log_message(self, *args):
        pass

    def setup(self):
        super().setup()
        with LOCK:
            self.number = next(COUNTER)

    def handle_any(self):
        n = int(self.headers.get('Content-Length') or 0)
        body = self.rfile.read(n) if n else b''
        answer = json.dumps({'connection': self.number, 'method': self.command, 'target': self.path,
                             'headers': [[k, v] for k, v in self.headers.items()],
                             'body': body.decode('utf-8', 'replace')}).encode()
        self.send_response(302 if self.path.startswith('/redirect') else 200)
        if self.path.startswith('/redirect'):
            self.send_header('Location', '/elsewhere')
        self.send_header('Content-Type', 'application/json')
        self.send_header('Content-Length', str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)

    do_GET = do_PUT = do_POST = do_DELETE = do_HEAD = do_PATCH = handle_any


server = ThreadingHTTPServer(('127.0.0.1', 0), Handler)
server.daemon_threads = True
print('PORT', server.server_address[1], flush=True)
server.serve_forever()

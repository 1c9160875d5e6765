#!/usr/bin/env python3
"""A fault-injecting HTTP proxy for AWSClient's tests, in front of moto_server.

    fault_proxy.py UPSTREAM_URL      binds 127.0.0.1 on a free port and prints "PORT <n>" once ready.

Every request is forwarded to UPSTREAM_URL (moto_server) unless a queued fault says otherwise. A request
whose target is an absolute URL (a client using this as its HTTP proxy) is forwarded to that URL's host
when it is a loopback address; CONNECT (an https proxy request) is logged and refused with 403.

Control (never forwarded):
    POST /__faults__   JSON list of faults, consumed one per forwarded request, in order:
        {"status": 503, "headers": {...}, "body": "..."}   answer this instead of forwarding
        {"drop": true}          send headers announcing a body, half of it, then close the connection
        {"truncate": "wire"}    forward, then send moto's answer with only half of its body (Content-Length kept)
        {"truncate": "json"}    forward, then send half of moto's body with a matching Content-Length
        {"garbage": true}       answer 200 with an HTML body
        {"delay": 3.0}          wait that many seconds, then forward
        {"pass": true}          forward unchanged
        {"hold": 30.0}          wait that many seconds, then answer 503 without forwarding (the client is
                                meant to be killed meanwhile: the request never reaches moto)
        {"failEntries": N, "code": "InternalError"}
                                a batch call (JSON body with "Entries"): forward it without its first N
                                entries, then add those N to the answer's "Failed" (SenderFault false), as
                                SQS does when part of a DeleteMessageBatch fails with an HTTP 200
    A fault with "target": "AmazonSQS.DeleteMessageBatch" applies only to a request with that X-Amz-Target;
    each request takes the first queued fault that applies to it (one without "target" applies to any).
    GET /__log__       JSON list of the requests seen: [{"method", "target", "faulted"}]
"""
import http.client, json, socket, sys, threading, time, urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

UPSTREAM = urllib.parse.urlsplit(sys.argv[1])
FAULTS = []
LOG = []
LOCK = threading.Lock()
HOP = {'connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'te', 'trailer', 'upgrade', 'content-length'}


class Handler(BaseHTTPRequestHandler):
    protocol_version = 'HTTP/1.1'

    def log_message(self, *args):
        pass

    def body(self):
        n = int(self.headers.get('Content-Length') or 0)
        return self.rfile.read(n) if n else b''

    def send(self, status, headers, body, announce=None):
        self.send_response(status)
        for k, v in headers:
            if k.lower() not in HOP:
                self.send_header(k, v)
        self.send_header('Content-Length', str(announce if announce is not None else len(body)))
        self.send_header('Connection', 'close')
        self.end_headers()
        self.wfile.write(body)
        self.wfile.flush()
        self.close_connection = True

    def forward(self, body):
        target = self.path
        host, port = UPSTREAM.hostname, UPSTREAM.port or 80
        if target.startswith('http://'):
            parts = urllib.parse.urlsplit(target)
            if parts.hostname not in ('127.0.0.1', 'localhost', '::1'):
                return 403, [], b'not a loopback target'
            host, port = parts.hostname, parts.port or 80
            target = parts.path + ('?' + parts.query if parts.query else '')
        conn = http.client.HTTPConnection(host, port, timeout=30)
        headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP}
        conn.request(self.command, target, body=body, headers=headers)
        resp = conn.getresponse()
        data = resp.read()
        conn.close()
        return resp.status, resp.getheaders(), data

    def handle_any(self):
        body = self.body()
        if self.path == '/__faults__' and self.command == 'POST':
            with LOCK:
                FAULTS.extend(json.loads(body or b'[]'))
            return self.send(200, [], b'{}')
        if self.path == '/__log__':
            with LOCK:
                data = json.dumps(LOG).encode()
            return self.send(200, [('Content-Type', 'application/json')], data)
        amz_target = self.headers.get('X-Amz-Target')
        with LOCK:
            index = next((i for i, f in enumerate(FAULTS) if f.get('target') in (None, amz_target)), None)
            fault = FAULTS.pop(index) if index is not None else {'pass': True}
            LOG.append({'method': self.command, 'target': self.path, 'faulted': 'pass' not in fault,
                        'amzTarget': amz_target, 'body': body.decode('utf-8', 'replace'),
                        'headers': {k.lower(): v for k, v in self.headers.items()}})
        if 'hold' in fault:
            time.sleep(fault['hold'])
            return self.send(503, [], b'')
        if 'failEntries' in fault:
            request = json.loads(body)
            held = request['Entries'][:fault['failEntries']]
            request['Entries'] = request['Entries'][fault['failEntries']:]
            if request['Entries']:
                status, headers, data = self.forward(json.dumps(request).encode())
                answer = json.loads(data or b'{}')
            else:
                status, headers, answer = 200, [('Content-Type', 'application/x-amz-json-1.0')], {'Successful': []}
            answer.setdefault('Failed', [])
            answer['Failed'] += [{'Id': e['Id'], 'SenderFault': False, 'Code': fault.get('code', 'InternalError'),
                                  'Message': 'injected by fault_proxy.py'} for e in held]
            return self.send(status, headers, json.dumps(answer).encode())
        if 'status' in fault:
            return self.send(fault['status'], list(fault.get('headers', {}).items()), fault.get('body', '').encode())
        if fault.get('drop'):
            self.send_response(200)
            self.send_header('Content-Type', 'application/json')
            self.send_header('Content-Length', '1000')
            self.end_headers()
            self.wfile.write(b'{"BackupVaultList": [')
            self.wfile.flush()
            self.connection.shutdown(socket.SHUT_RDWR)
            self.close_connection = True
            return
        if fault.get('garbage'):
            return self.send(200, [('Content-Type', 'text/html')], b'<html><body>Gateway says hello</body></html>')
        if 'delay' in fault:
            time.sleep(fault['delay'])
        status, headers, data = self.forward(body)
        if fault.get('truncate') == 'wire':
            return self.send(status, headers, data[: len(data) // 2], announce=len(data))
        if fault.get('truncate') == 'json':
            return self.send(status, headers, data[: len(data) // 2])
        return self.send(status, headers, data)

    def do_CONNECT(self):
        with LOCK:
            LOG.append({'method': 'CONNECT', 'target': self.path, 'faulted': True, 'headers': {}})
        self.send(403, [], b'')

    do_GET = do_PUT = do_POST = do_DELETE = do_HEAD = do_PATCH = handle_any


server = ThreadingHTTPServer(('127.0.0.1', 0), Handler)
server.daemon_threads = True
print(f'PORT {server.server_address[1]}', flush=True)
server.serve_forever()

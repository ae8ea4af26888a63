#!/usr/bin/env python3
"""Pre-signed webhook requests for bench/ingest/run.sh.

Writes, into OUT:
  tail.bin          the part of every body that is the same for all requests
  heads_<t>.bin     for wrk thread t: NUL-terminated records, each the
                    request line, headers (with a fresh signature) and the
                    unique start of the body; the Lua script sends
                    head .. tail.
  meta.txt          "count=N size=S"

Bodies are Stripe `invoice.paid` events shaped like the real ones (the
fixture in tests/data/payloads/stripe/invoice.paid.json), with a unique event
id (the idempotency key), a unique invoice id and one of 1,000 customers, and
padded to exactly SIZE bytes. Signatures are computed now: run this just
before driving the server (Stripe and Svix tolerate 300 s of skew).
"""
import argparse
import base64
import hashlib
import hmac
import json
import os
import sys
import time

FIXTURE = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                       "..", "..", "tests", "data", "payloads", "stripe", "invoice.paid.json")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--scheme", choices=["stripe", "svix", "none"], required=True)
    ap.add_argument("--secret", default="")
    ap.add_argument("--path", required=True, help="request path, e.g. /integrations/receive/TOKEN")
    ap.add_argument("--size", type=int, default=1024, help="body size in bytes")
    ap.add_argument("--count", type=int, default=200000)
    ap.add_argument("--threads", type=int, default=1, help="one heads file per wrk thread")
    ap.add_argument("--run-id", default=str(int(time.time())))
    ap.add_argument("--out", required=True)
    a = ap.parse_args()

    with open(FIXTURE, "rb") as f:
        event = json.load(f)
    invoice = event["data"]["object"]
    unique_keys = ("id", "customer", "customer_email", "customer_name")
    rest = {k: v for k, v in invoice.items() if k not in unique_keys and k != "lines"}
    lines = invoice.get("lines", {"object": "list", "data": []})
    line_items = lines.get("data", []) or [{}]

    # The shared tail: the rest of the invoice, as many line items as fit,
    # a padding field, then the event's own trailing fields.
    event_rest = {k: v for k, v in event.items() if k not in ("id", "object", "type", "created", "data")}
    prefix_len = len(prefix_for(a.run_id, 0, 0))
    close = "}" + ("," + json.dumps(event_rest, separators=(",", ":"))[1:] if event_rest else "}")

    def tail_for(n_lines, pad):
        obj = dict(rest)
        obj["lines"] = dict(lines)
        obj["lines"]["data"] = [dict(line_items[i % len(line_items)], id="il_bench_%05d" % i)
                                for i in range(n_lines)]
        obj["footer"] = "x" * pad
        body = json.dumps(obj, separators=(",", ":"))
        return "," + body[1:] + close

    # Fewest line items first (1 KB bodies have none), then pad exactly.
    n_lines = 0
    base = tail_for(0, 0)
    if prefix_len + len(base) > a.size:
        # Too big for the requested size: drop invoice fields from the end.
        keys = list(rest.keys())
        while keys and prefix_len + len(tail_for(0, 0)) > a.size:
            rest.pop(keys.pop())
        base = tail_for(0, 0)
        lines["data"] = []
        line_items = [{}]
        base = tail_for(0, 0)
        if prefix_len + len(base) > a.size:
            sys.exit("size %d is too small for the event skeleton (%d)" % (a.size, prefix_len + len(base)))
    else:
        while prefix_len + len(tail_for(n_lines + 1, 0)) <= a.size:
            n_lines += 1
    pad = a.size - prefix_len - len(tail_for(n_lines, 0))
    tail = tail_for(n_lines, pad).encode()
    assert prefix_len + len(tail) == a.size, (prefix_len, len(tail), a.size)

    os.makedirs(a.out, exist_ok=True)
    with open(os.path.join(a.out, "tail.bin"), "wb") as f:
        f.write(tail)

    secret = a.secret.encode()
    svix_key = base64.b64decode(a.secret[len("whsec_"):]) if a.scheme == "svix" else b""
    now = str(int(time.time())).encode()
    files = [open(os.path.join(a.out, "heads_%d.bin" % t), "wb") for t in range(a.threads)]
    common = ("POST %s HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: Stripe/1.0 (+https://stripe.com/docs/webhooks)\r\n"
              "Content-Type: application/json; charset=utf-8\r\nContent-Length: %d\r\n" % (a.path, a.size)).encode()
    for i in range(a.count):
        prefix = prefix_for(a.run_id, i, i % 1000).encode()
        if a.scheme == "stripe":
            mac = hmac.new(secret, now + b"." + prefix, hashlib.sha256)
            mac.update(tail)
            sig = b"Stripe-Signature: t=" + now + b",v1=" + mac.hexdigest().encode() + b"\r\n"
        elif a.scheme == "svix":
            msg_id = ("msg_%s_%08d" % (a.run_id, i)).encode()
            mac = hmac.new(svix_key, msg_id + b"." + now + b"." + prefix, hashlib.sha256)
            mac.update(tail)
            sig = (b"svix-id: " + msg_id + b"\r\nsvix-timestamp: " + now + b"\r\nsvix-signature: v1," +
                   base64.b64encode(mac.digest()) + b"\r\n")
        else:
            sig = b""
        files[i % a.threads].write(common + sig + b"\r\n" + prefix + b"\0")
    for f in files:
        f.close()
    with open(os.path.join(a.out, "meta.txt"), "w") as f:
        f.write("count=%d size=%d lines=%d\n" % (a.count, a.size, n_lines))


def prefix_for(run_id, i, customer):
    # Fixed width, so every body has the same length.
    return ('{"id":"evt_bench_%s_%08d","object":"event","type":"invoice.paid","created":1735689605,'
            '"data":{"object":{"id":"in_bench_%s_%08d","customer":"cus_bench_%04d",'
            '"customer_email":"customer%04d@example.com","customer_name":"Customer %04d"'
            % (run_id, i, run_id, i, customer, customer, customer))


if __name__ == "__main__":
    main()

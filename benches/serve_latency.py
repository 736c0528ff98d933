#!/usr/bin/env python3
"""Time from saving a notice to `gongkai serve` serving the new page, over many edits.

  benches/serve_latency.py --root /tmp/bench-10000 [--edits 20] [--binary target/release/gongkai]

Starts `gongkai serve` on the site, listens to its live-reload event stream, then edits the
body of one notice `--edits` times. For each edit: t0 just before the file is written, the
moment the server's `reload` event arrives, and the moment a GET of the notice's page returns
the new text. Prints every edit and the median and worst of both. Python 3 stdlib only.
The site is edited in place: point it at a copy of a generated corpus.
"""
import argparse
import http.client
import os
import pathlib
import socket
import statistics
import subprocess
import sys
import threading
import time


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(port, path, timeout=60):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    c.request("GET", path)
    r = c.getresponse()
    body = r.read()
    c.close()
    return r.status, body


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--root", required=True)
    ap.add_argument("--binary", default="target/release/gongkai")
    ap.add_argument("--edits", type=int, default=20)
    ap.add_argument("--now", default="2026-11-28")
    ap.add_argument("--pause", type=float, default=0.4, help="seconds between edits")
    ap.add_argument("--log", help="file for the server's standard error (with GONGKAI_TIMINGS=1: phase timings)")
    a = ap.parse_args()

    root = pathlib.Path(a.root)
    notice = sorted((root / "content").rglob("*.md"))[0]
    url = f"/notices/{notice.stem.lower()}.html"
    original = notice.read_text(encoding="utf-8")
    port = free_port()
    server = subprocess.Popen(
        [a.binary, "serve", "--root", str(root), "--port", str(port), "--now", a.now],
        stdout=subprocess.DEVNULL,
        stderr=open(a.log, "w") if a.log else subprocess.DEVNULL)
    try:
        started = time.monotonic()
        while True:
            try:
                if get(port, url, timeout=5)[0] == 200:
                    break
            except OSError:
                pass
            if server.poll() is not None or time.monotonic() - started > 300:
                sys.exit("gongkai serve did not come up")
            time.sleep(0.2)
        print(f"serving {root} ({url}) after {time.monotonic() - started:.1f} s")

        reloads = []
        ready = threading.Event()
        def listen():
            c = http.client.HTTPConnection("127.0.0.1", port)
            c.request("GET", "/__gongkai/events")
            r = c.getresponse()
            ready.set()
            while True:
                line = r.fp.readline()
                if not line:
                    return
                if line.startswith(b"event: reload"):
                    reloads.append(time.monotonic())
        threading.Thread(target=listen, daemon=True).start()
        ready.wait(10)
        time.sleep(0.5)

        events, served = [], []
        for k in range(1, a.edits + 1):
            marker = f"修订标记{k:03d}"
            text = original.replace("\n\n", f"\n\n{marker}\n\n", 1)
            seen = len(reloads)
            t0 = time.monotonic()
            with open(notice, "w", encoding="utf-8") as f:
                f.write(text)
            while len(reloads) == seen and time.monotonic() - t0 < 30:
                time.sleep(0.0005)
            t_event = reloads[seen] if len(reloads) > seen else float("nan")
            status, body = get(port, url)
            t_page = time.monotonic()
            ok = status == 200 and marker.encode() in body
            events.append((t_event - t0) * 1e3)
            served.append((t_page - t0) * 1e3)
            print(f"edit {k:2d}: reload event {events[-1]:7.1f} ms, new page served {served[-1]:7.1f} ms{'' if ok else '  (old page!)'}")
            time.sleep(a.pause)
        for name, xs in (("reload event", events), ("page served", served)):
            print(f"{name:12s}: median {statistics.median(xs):6.1f} ms, worst {max(xs):6.1f} ms over {len(xs)} edits")
    finally:
        notice.write_text(original, encoding="utf-8")
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()

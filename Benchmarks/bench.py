#!/usr/bin/env python3
"""`make bench`: Dossier, Hugo and the cmark floor on one synthetic corpus, side by side.

    python3 Benchmarks/bench.py --scale N --dossier BIN --bench-tool BIN [--runs 3] [--seed 1]

1. Installs Debian's hugo, cmark and time (GNU time, for peak memory) with apt-get when run as root
   and they are missing; otherwise says what to install and exits 1.
2. Generates the corpus with Benchmarks/generate.py into .build-bench/corpus-N/, or reuses it when
   its stamp (the generator's and the Hugo skeleton's hash, N and the seed) matches.
3. Best of --runs, each: Dossier's cold build, Hugo's build of the same articles, cmark over all
   article bodies in one file (the floor: parsing and rendering alone). Then Dossier's peak RSS, its
   largest page, its output size, one traced build (DOSSIER_TRACE=1) for per-stage times, and the
   incremental rebuild after editing one article (`BENCH_TOOL incremental`, on fresh copies of the
   corpus). Then `dossier serve` on another copy (127.0.0.1, a free port): a sentence appended to one
   article, timed from just before the write until the wait a served page's reload script makes
   (/__dossier/wait) has answered and a GET of the article's page holds the sentence.
4. Prints one table, also written to .build-bench/bench-N.txt, and the numbers to
   .build-bench/result-N.json. Exits 1 when a target is missed.

Every timed build, Dossier's and Hugo's alike, writes into a folder that was never used before, and
nothing is deleted while builds are timed: the previous bench's outputs are moved aside (a rename) when a
bench starts and deleted once everything is measured. On ext4 without a journal (this project's
machines), a new file skips every inode freed in the last minute, or in the last five minutes while the
inode table block is dirty (`recently_deleted`, RECENTCY_MIN and RECENTCY_DIRTY in the kernel's inode
allocator); since every build dirties those blocks, creating files within five minutes of an `rm -rf` of
a large tree is several times slower for whichever tool writes next (measured here: 24,000 files of 14 KB
in 3.0 s into a fresh folder, 10.9 s right after deleting the same number; a Dossier build 12.6 s a
minute after deleting the last bench's outputs, 7.0 s without). So a bench started within five minutes of
the last one's deletion waits for the rest of them. The outputs stay on disk until the next bench (about
1.5 GB at 10,000 articles, ten times that at 100,000).

Each tool's input (Dossier's content and templates, Hugo's site, cmark's file) is read once just before
each of its timed runs (`warm`), so no run pays for reading from the disk what another found in memory.

Targets: at 10,000 articles, the cold build takes at most half of Hugo's time, and peak RSS is at most
400 MiB; no HTML page over 512 KiB; the incremental rebuild takes at most 10% of the cold build, and so
does an edit's way through `dossier serve` to what a browser gets ("serve: edit visible"); at N
above 10,000, the cold build takes at most 1.1 × N / 10,000 times the 10,000-article cold build (11 ×
at 100,000), measured with the same binary in the same run, a 10,000-article build before each large one.
"""

import argparse
import hashlib
import http.client
import json
import os
import queue
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
import uuid

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HERE = os.path.join(ROOT, "Benchmarks")
REFERENCE_SCALE = 10000
TEMPLATES = "Templates"  # --templates

RSS_LIMIT_MIB = 400
PAGE_LIMIT_BYTES = 512 * 1024
HUGO_RATIO_LIMIT = 0.5
INCREMENTAL_LIMIT = 0.10
SERVE_LIMIT = 0.10  # an edit visible through `dossier serve`: at most 10% of the cold build
GROWTH_SLACK = 1.1  # 100,000 articles: at most 11 × the 10,000-article time


def log(message):
    print(f"bench: {message}", file=sys.stderr, flush=True)


def relative(path):
    return os.path.relpath(path, ROOT)


# ------------------------------------------------------------------------------------------------
# Tools

def ensure_tools():
    missing = []
    if not shutil.which("hugo"):
        missing.append("hugo")
    if not shutil.which("cmark"):
        missing.append("cmark")
    if not os.access("/usr/bin/time", os.X_OK):
        missing.append("time")
    if not missing:
        return
    if os.geteuid() == 0 and shutil.which("apt-get"):
        log(f"installing {' '.join(missing)} with apt-get")
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        subprocess.run(["apt-get", "update", "-qq"], check=True, stdout=subprocess.DEVNULL, env=env)
        subprocess.run(["apt-get", "install", "-y", "-qq", *missing], check=True, stdout=subprocess.DEVNULL, env=env)
        return
    print(f"bench: missing Debian packages: {' '.join(missing)}", file=sys.stderr)
    print(f"bench: install them with: sudo apt-get install {' '.join(missing)}", file=sys.stderr)
    sys.exit(1)


def tool_version(command):
    try:
        out = subprocess.run(command, capture_output=True, text=True, timeout=30).stdout.strip()
        return out.splitlines()[0] if out else "?"
    except (OSError, subprocess.SubprocessError):
        return "?"


def machine_info():
    cpu = "?"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    ram = "?"
    try:
        with open("/proc/meminfo") as f:
            for line in f:
                if line.startswith("MemTotal:"):
                    ram = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
                    break
    except OSError:
        pass
    return {"nproc": os.cpu_count(), "cpu": cpu, "ram": ram}


def sha256_file(path):
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


# ------------------------------------------------------------------------------------------------
# Corpus

def generator_hash():
    digest = hashlib.sha256()
    files = [os.path.join(HERE, "generate.py")]
    for folder, _, names in os.walk(os.path.join(HERE, "hugo")):
        files += [os.path.join(folder, n) for n in names]
    for path in sorted(files):
        digest.update(relative(path).encode() + b"\0")
        with open(path, "rb") as f:
            digest.update(f.read() + b"\0")
    return digest.hexdigest()


def corpus(work, scale, seed):
    """The corpus folder, generated unless its stamp matches; and the generator's time (None if reused)."""
    folder = os.path.join(work, f"corpus-{scale}")
    stamp_path = os.path.join(folder, "stamp")
    stamp = f"generator {generator_hash()}\narticles {scale}\nseed {seed}\n"
    if os.path.exists(stamp_path):
        with open(stamp_path) as f:
            if f.read() == stamp:
                log(f"reusing {relative(folder)} (stamp matches)")
                return folder, None
    if os.path.exists(folder):
        put_aside(work, [os.path.basename(folder)])
    os.makedirs(folder)
    log(f"generating {scale} articles into {relative(folder)}")
    started = time.perf_counter()
    subprocess.run([sys.executable, os.path.join(HERE, "generate.py"), "--articles", str(scale), "--out", folder,
                    "--seed", str(seed)], check=True)
    seconds = time.perf_counter() - started
    # The cmark floor's input: every article body, front matter stripped, in one file.
    articles = os.path.join(folder, "content", "articles")
    with open(os.path.join(folder, "bodies.md"), "w", encoding="utf-8") as out:
        for name in sorted(os.listdir(articles)):
            with open(os.path.join(articles, name), encoding="utf-8") as f:
                text = f.read()
            out.write(text.split("\n---\n", 1)[1].rstrip("\n") + "\n\n")
    with open(stamp_path, "w") as f:
        f.write(stamp)
    return folder, seconds


def corpus_counts(folder):
    content = os.path.join(folder, "content")
    counts = {kind: len(os.listdir(os.path.join(content, kind)))
              for kind in ("articles", "actors", "locations", "propositions", "claims")}
    counts["markdown_bytes"] = os.path.getsize(os.path.join(folder, "bodies.md"))
    return counts


# ------------------------------------------------------------------------------------------------
# Measuring

def tail(text, lines=15):
    return "\n".join(text.rstrip().splitlines()[-lines:])


def short(text, width=90):
    text = " ".join(text.split())
    return text if len(text) <= width else text[:width - 1] + "…"


def timed(command, env=None, stdout=subprocess.PIPE):
    """Runs command under GNU time -v: (seconds, peak RSS in KiB, exit status, stdout, stderr)."""
    started = time.perf_counter()
    process = subprocess.run(["/usr/bin/time", "-v", *command], cwd=ROOT, env=env, stdout=stdout,
                             stderr=subprocess.PIPE, text=True, errors="replace")
    seconds = time.perf_counter() - started
    rss = None
    match = re.search(r"Maximum resident set size \(kbytes\): (\d+)", process.stderr)
    if match:
        rss = int(match.group(1))
    # GNU time appends its report (and a line about the exit status); keep the command's own stderr apart.
    own = process.stderr.split("\tCommand being timed:")[0]
    own = "\n".join(line for line in own.splitlines()
                    if not line.startswith(("Command exited with non-zero status", "Command terminated by signal")))
    return seconds, rss, process.returncode, process.stdout, own


RECENTLY_DELETED_SECONDS = 300  # ext4's RECENTCY_DIRTY: how long a freed inode is skipped (see the docstring)


def stamp_path(work):
    return os.path.join(work, "last-deletion")


def put_aside(work, names):
    """Moves the previous bench's outputs into work/trash/ (a rename frees no inode), to be deleted once
    this bench has measured everything (`empty_trash`)."""
    trash = os.path.join(work, "trash")
    os.makedirs(trash, exist_ok=True)
    for name in names:
        target = os.path.join(trash, f"{name}-{os.getpid()}-{time.time_ns()}")
        os.rename(os.path.join(work, name), target)


def empty_trash(work):
    """Deletes what `put_aside` moved, and notes when, so that a bench started soon after waits (`settle`)."""
    trash = os.path.join(work, "trash")
    if os.path.exists(trash):
        log("deleting the previous bench's outputs")
        shutil.rmtree(trash, ignore_errors=True)
        with open(stamp_path(work), "w") as f:
            f.write(f"{time.time()}\n")


def settle(work):
    """When a bench deleted its trash less than RECENTLY_DELETED_SECONDS ago: sync, then wait until that
    long has passed, so that no timed build creates files among inodes the kernel still skips."""
    try:
        with open(stamp_path(work)) as f:
            deleted = float(f.read().strip())
    except (OSError, ValueError):
        return
    os.sync()
    wait = deleted + RECENTLY_DELETED_SECONDS - time.time()
    if wait > 0:
        log(f"waiting {wait:.0f} s for the inodes deleted by the last bench to become reusable")
        time.sleep(wait)


def warm(*paths):
    """Reads every file under `paths` once, so the timed run that follows reads its input from the page
    cache, as a tool run again on the same files does, and not from the disk: done before every timed run of
    every tool alike. Without it, whichever run came after something that filled memory (Hugo peaks at
    11 GiB at 100,000 articles) or after a reboot paid for reading its input from the disk (Dossier's
    loading at 100,000 articles took 15.2 s on a cold cache and 4.5 s on a warm one)."""
    for path in paths:
        files = [path] if os.path.isfile(path) else [os.path.join(d, n) for d, _, names in os.walk(path) for n in names]
        for name in files:
            try:
                with open(name, "rb") as f:
                    while f.read(1 << 20):
                        pass
            except OSError:
                pass


def dossier_cold(dossier, content, outputs, runs, label, reference=None):
    """Best of `runs` cold builds, each into a new folder under `outputs`; the last run's folder is returned.

    With `reference` (content, outputs, label), each run is preceded by a run on the reference corpus, and
    (result, reference result) is returned: the growth check divides two times taken in the same stretch of
    time, run by run. This machine is shared, and its speed drifts by tens of percent within an hour (the
    cmark floor took 0.43 s and 0.73 s an hour apart on 8 December 2026), so a reference kept from an earlier
    bench could flatter the growth or blame it for the machine."""
    def fresh():
        return {"runs": [], "rss_kib": [], "ok": True, "error": None}

    # In the order they run: the reference (when there is one) before each build of `content`.
    jobs = [] if reference is None else [(fresh(), *reference)]
    target = fresh()
    jobs.append((target, content, outputs, label))
    for run in range(1, runs + 1):
        for result, folder, out, name in jobs:
            if not result["ok"]:
                continue
            output = os.path.join(out, f"run-{run}")
            result["output"] = output
            warm(folder, TEMPLATES)
            seconds, rss, status, _, stderr = timed([dossier, "build", "--content", relative(folder), "--templates",
                                                     TEMPLATES, "--output", relative(output)], stdout=subprocess.DEVNULL)
            if status != 0:
                log(f"{name} run {run}: dossier build exited with {status}:\n{tail(stderr)}")
                result.update(ok=False, error=f"exit status {status}: {tail(stderr, 3)}")
                continue
            result["runs"].append(seconds)
            result["rss_kib"].append(rss)
            log(f"{name} run {run}/{runs}: {seconds:.2f} s, peak RSS {rss / 1024:.0f} MiB")
    for result, *_ in jobs:
        if result["ok"]:
            result["best"] = min(result["runs"])
            result["peak_rss_kib"] = max(result["rss_kib"])
    return target if reference is None else (target, jobs[0][0])


def hugo_build(site, outputs, runs, work):
    result = {"runs": [], "rss_kib": [], "ok": True, "error": None}
    cache = os.path.join(work, "hugo-cache")
    env = dict(os.environ, HUGO_CACHEDIR=cache)
    for run in range(1, runs + 1):
        output = os.path.join(outputs, f"run-{run}")
        result["output"] = output
        # Hugo's own caches hold a handful of files: deleting them costs the next build nothing measurable.
        for folder in (cache, os.path.join(site, "resources")):
            shutil.rmtree(folder, ignore_errors=True)
        warm(site)
        seconds, rss, status, _, stderr = timed(["hugo", "--quiet", "--ignoreCache", "-s", site, "-d", os.path.abspath(output)],
                                                env=env)
        if status != 0:
            log(f"hugo run {run}: exited with {status}:\n{tail(stderr)}")
            result.update(ok=False, error=f"exit status {status}: {tail(stderr, 3)}")
            return result
        result["runs"].append(seconds)
        result["rss_kib"].append(rss)
        log(f"hugo run {run}/{runs}: {seconds:.2f} s, peak RSS {rss / 1024:.0f} MiB")
    result["best"] = min(result["runs"])
    result["peak_rss_kib"] = max(result["rss_kib"])
    return result


def cmark_floor(bodies, runs):
    result = {"runs": [], "ok": True, "error": None}
    for run in range(1, runs + 1):
        warm(bodies)
        started = time.perf_counter()
        process = subprocess.run(["cmark", bodies], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        seconds = time.perf_counter() - started
        if process.returncode != 0:
            result.update(ok=False, error=f"exit status {process.returncode}: {tail(process.stderr, 3)}")
            return result
        result["runs"].append(seconds)
        log(f"cmark run {run}/{runs}: {seconds:.2f} s")
    result["best"] = min(result["runs"])
    return result


def output_stats(folder):
    files, total, largest = 0, 0, (0, None)
    for directory, _, names in os.walk(folder):
        for name in names:
            path = os.path.join(directory, name)
            size = os.path.getsize(path)
            files += 1
            total += size
            if name.endswith(".html") and size > largest[0]:
                largest = (size, os.path.relpath(path, folder))
    return {"files": files, "bytes": total, "largest_html_bytes": largest[0], "largest_html": largest[1]}


TRACE = re.compile(r"^trace: (.+?): ([0-9.]+) ms(?: \(processor [0-9.]+ ms\))?$")
LINK_LAP = re.compile(r"^link: (.+) ([0-9.]+) s$")  # the linker's older trace format


def traced_build(dossier, content, output):
    env = dict(os.environ, DOSSIER_TRACE="1")
    warm(content, TEMPLATES)
    seconds, _, status, _, stderr = timed([dossier, "build", "--content", relative(content), "--templates", TEMPLATES,
                                           "--output", relative(output)], env=env, stdout=subprocess.DEVNULL)
    stages = []
    for line in stderr.splitlines():
        line = line.strip()
        match = TRACE.match(line)
        if match:
            stages.append((match.group(1), float(match.group(2)) / 1000))
            continue
        match = LINK_LAP.match(line)
        if match:
            stages.append(("link: " + match.group(1), float(match.group(2))))
    log(f"traced build: {seconds:.2f} s, {len(stages)} trace lines")
    return {"seconds": seconds, "ok": status == 0, "stages": stages}


def incremental(tool, corpus_folder, work, scale, runs, timeout):
    result = {"runs": [], "ok": True, "error": None, "identical": True, "cold_seconds": []}
    base = os.path.join(work, f"incremental-{scale}")
    articles = sorted(os.listdir(os.path.join(corpus_folder, "content", "articles")))
    article = articles[len(articles) // 2]
    result["article"] = article
    if not os.access(tool, os.X_OK):
        result.update(ok=False, error=f"{relative(tool) if os.path.isabs(tool) else tool} does not exist")
        return result
    for run in range(1, runs + 1):
        folder = os.path.join(base, f"run-{run}")
        content = os.path.join(folder, "content")
        shutil.copytree(os.path.join(corpus_folder, "content"), content)
        edit = os.path.join(content, "articles", article)
        command = [tool, "incremental", "--content", relative(content), "--templates", TEMPLATES,
                   "--output", relative(os.path.join(folder, "public")), "--edit", relative(edit)]
        try:
            process = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, errors="replace", timeout=timeout)
        except subprocess.TimeoutExpired:
            result.update(ok=False, error=f"no answer after {timeout:.0f} s")
            break
        if process.returncode != 0:
            reason = tail(process.stderr or process.stdout, 1) or "no output"
            result.update(ok=False, error=f"exit status {process.returncode}: {short(reason)}")
            break
        answer = None
        for line in reversed(process.stdout.strip().splitlines()):
            try:
                answer = json.loads(line)
                break
            except ValueError:
                continue
        if not isinstance(answer, dict) or "incremental_seconds" not in answer:
            result.update(ok=False, error="no JSON object with incremental_seconds on stdout; its last line: "
                                          + short(tail(process.stdout, 1) or "(empty)", 60))
            break
        result["runs"].append(float(answer["incremental_seconds"]))
        result["cold_seconds"].append(float(answer.get("cold_seconds", float("nan"))))
        if answer.get("identical") is not True:
            result["identical"] = False
        log(f"incremental run {run}/{runs}: {answer['incremental_seconds']:.3f} s "
            f"(its cold build {answer.get('cold_seconds', float('nan')):.2f} s, identical: {answer.get('identical')})")
    if result["ok"] and result["runs"]:
        result["best"] = min(result["runs"])
    else:
        result["ok"] = False
    return result


# `dossier serve`: from saving an article to the browser seeing it

class Server:
    """`dossier serve` on 127.0.0.1 and a free port, its stdout read by a thread (so that its pipe never fills)."""

    def __init__(self, dossier, content, output, log_path):
        with open(log_path, "ab") as sink:
            self.process = subprocess.Popen(
                [dossier, "serve", "--content", relative(content), "--templates", TEMPLATES, "--output", relative(output),
                 "--host", "127.0.0.1", "--port", "0"],
                cwd=ROOT, stdout=subprocess.PIPE, stderr=sink, text=True, errors="replace")
        self.log_path = log_path
        self.lines = queue.Queue()
        self.printed = []
        self.port = None
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in self.process.stdout:
            self.lines.put(line.rstrip("\n"))
        self.lines.put(None)

    def next_line(self, timeout):
        """The next line it prints; None when it ended its stdout or printed nothing for `timeout` seconds."""
        try:
            line = self.lines.get(timeout=max(timeout, 0.01))
        except queue.Empty:
            return None
        if line is not None:
            self.printed.append(line)
        return line

    def wait_until_serving(self, timeout):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            line = self.next_line(deadline - time.monotonic())
            if line is None:
                break
            match = re.match(r"^Serving .* at http://127\.0\.0\.1:(\d+)/ \(Ctrl-C to stop\)$", line)
            if match:
                self.port = int(match.group(1))
                return True
        return False

    def get(self, path, timeout=60):
        """GET on the server: (status, body). http.client, so that no proxy from the environment is used."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            connection.request("GET", path)
            response = connection.getresponse()
            return response.status, response.read().decode("utf-8", errors="replace")
        finally:
            connection.close()

    def state(self, since=None, timeout=60):
        """/__dossier/wait: the generation, its errors; with `since`, once a build with another generation ended."""
        status, body = self.get("/__dossier/wait" + ("" if since is None else f"?since={since}"), timeout)
        if status != 200:
            raise RuntimeError(f"/__dossier/wait answered {status}")
        return json.loads(body)

    def stderr_reason(self):
        """Its stderr's first line that says "error", else its last line."""
        try:
            with open(self.log_path, errors="replace") as f:
                lines = [line for line in f.read().splitlines() if line.strip()]
        except OSError:
            return ""
        return next((line for line in lines if "error" in line.lower()), lines[-1] if lines else "")

    def stop(self, timeout=15):
        """SIGINT, then the kill after `timeout` seconds: how it ended ("had exited", "stopped", "killed"), and
        its exit status."""
        if self.process.poll() is not None:
            return "had exited", self.process.returncode
        self.process.send_signal(signal.SIGINT)
        try:
            return "stopped", self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            return "killed", self.process.wait()


BUILT = re.compile(r"built .* in ([0-9.]+) s$")


def serve_latency(dossier, corpus_folder, outputs, scale, runs, timeout):
    """`dossier serve` on a copy of the corpus; `runs` times: a sentence appended to one article, timed from just
    before the write until the wait for the next build (the reload script's long poll) has answered and a GET
    of the article's page holds the sentence. Best of `runs`."""
    result = {"runs": [], "poll_seconds": [], "server_build_seconds": [], "ok": True, "error": None}
    folder = os.path.join(outputs, "serve")
    content = os.path.join(folder, "content")
    shutil.copytree(os.path.join(corpus_folder, "content"), content)
    articles = sorted(os.listdir(os.path.join(content, "articles")))
    article = articles[len(articles) // 2]
    result["article"] = article
    page = f"/articles/{article[:-len('.md')]}.html"
    edit = os.path.join(content, "articles", article)
    started = time.perf_counter()
    server = Server(dossier, content, os.path.join(folder, "public"), os.path.join(folder, "serve.log"))
    try:
        if not server.wait_until_serving(timeout):
            try:
                status = server.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                status = None
            reason = server.stderr_reason() or (server.printed[-1] if server.printed else "no output")
            result.update(ok=False, error=(f"exit status {status}: " if status is not None else f"no Serving line in {timeout:.0f} s: ")
                          + short(reason, 60))
            return result
        result["first_build_seconds"] = time.perf_counter() - started
        log(f"dossier serve: serving on port {server.port} after {result['first_build_seconds']:.2f} s")
        status, body = server.get(page)
        if status != 200:
            result.update(ok=False, error=f"GET {page} answered {status}")
            return result
        for run in range(1, runs + 1):
            time.sleep(1)  # any build still under way ends before the generation is read
            generation = server.state()["generation"]
            sentence = f"This sentence was added by the serve bench as edit {run} of {runs} with mark {uuid.uuid4().hex[:12]}."
            answers = queue.Queue()

            def long_poll(since):
                try:
                    answers.put(server.state(since=since, timeout=timeout))
                except Exception as error:  # noqa: BLE001 — whatever it is, the measurement reports it
                    answers.put(error)

            threading.Thread(target=long_poll, args=(generation,), daemon=True).start()
            time.sleep(0.2)  # the long poll is in flight, as a page's is
            begun = time.perf_counter()
            with open(edit, "a", encoding="utf-8") as f:
                f.write(f"\n{sentence}\n")
            deadline = begun + timeout
            polled = visible = None
            while visible is None and time.perf_counter() < deadline:
                try:
                    answer = answers.get(timeout=max(deadline - time.perf_counter(), 0.01))
                except queue.Empty:
                    break
                if isinstance(answer, Exception):
                    result.update(ok=False, error=f"the long poll failed: {short(str(answer))}")
                    return result
                if answer["generation"] == generation:  # the wait timed out with no build: wait again
                    threading.Thread(target=long_poll, args=(generation,), daemon=True).start()
                    continue
                if not answer["ok"]:
                    result.update(ok=False, error="the build after the edit failed: " + short("; ".join(answer["errors"][:2])))
                    return result
                polled = polled or time.perf_counter() - begun
                status, body = server.get(page)
                if status == 200 and sentence in body:
                    visible = time.perf_counter() - begun
                    break
                # A build that began before the write: wait for the next one.
                generation = answer["generation"]
                threading.Thread(target=long_poll, args=(generation,), daemon=True).start()
            if visible is None:
                result.update(ok=False, error=f"the edit was not visible after {timeout:.0f} s")
                return result
            # The server's own time for that build, from the line it printed.
            build = None
            while (line := server.next_line(0.5)) is not None:
                match = BUILT.search(line)
                if match and article in line:
                    build = float(match.group(1))
            result["runs"].append(visible)
            result["poll_seconds"].append(polled)
            if build is not None:
                result["server_build_seconds"].append(build)
            log(f"serve run {run}/{runs}: edit visible after {visible:.3f} s (long poll answered after {polled:.3f} s; "
                f"the server's build {fmt_s(build) if build is not None else '?'})")
    except (OSError, ValueError, RuntimeError, http.client.HTTPException) as error:
        result.update(ok=False, error=short(f"{type(error).__name__}: {error}"))
        return result
    finally:
        how, status = server.stop()
        result["stopped_cleanly"] = how == "stopped" and status == 0
        result["exit_status"] = status
        if how == "killed":
            log("dossier serve: still running 15 s after SIGINT; killed")
        elif how == "stopped" and status != 0:
            log(f"dossier serve: exit status {status} on SIGINT")
    if result["ok"] and result["runs"]:
        result["best"] = min(result["runs"])
    else:
        result["ok"] = False
    return result


# ------------------------------------------------------------------------------------------------
# The table

def fmt_s(seconds):
    return f"{seconds:.2f} s" if seconds is not None else "-"


def fmt_runs(runs):
    return " / ".join(f"{r:.2f}" for r in runs) + " s" if runs else ""


def fmt_bytes(count):
    if count >= 1 << 20:
        return f"{count / (1 << 20):.1f} MiB"
    return f"{count / 1024:.1f} KiB"


class Table:
    def __init__(self):
        self.rows = []
        self.failures = []

    def row(self, measure, value, detail="", target="", status=""):
        self.rows.append((measure, value, detail, target, status))
        if status == "FAIL":
            self.failures.append(measure)

    def check(self, measure, value, detail, target, passed):
        self.row(measure, value, detail, target, "PASS" if passed else "FAIL")

    def render(self):
        header = ("measure", "value", "detail", "target", "result")
        widths = [max(len(str(r[i])) for r in self.rows + [header]) for i in range(5)]
        lines = []
        for index, r in enumerate([header] + self.rows):
            cells = [str(c).ljust(widths[i]) if i != 1 else str(c).rjust(widths[i]) for i, c in enumerate(r)]
            lines.append("  ".join(cells).rstrip())
            if index == 0:
                lines.append("  ".join("-" * w for w in widths))
        return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=int, default=REFERENCE_SCALE, help="number of articles (default 10000)")
    parser.add_argument("--dossier", default=".build/release/dossier")
    parser.add_argument("--bench-tool", default=".build/release/dossier-benchmark")
    parser.add_argument("--runs", type=int, default=3, help="runs per measurement; the best counts (default 3)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--templates", default="Templates", help="the templates folder (default Templates)")
    parser.add_argument("--work", default=".build-bench", help="where corpora and outputs go (default .build-bench)")
    args = parser.parse_args()
    os.chdir(ROOT)
    global TEMPLATES
    TEMPLATES = relative(os.path.abspath(args.templates))
    work = os.path.abspath(args.work)
    os.makedirs(work, exist_ok=True)
    dossier = os.path.abspath(args.dossier)
    tool = os.path.abspath(args.bench_tool)
    if not os.access(dossier, os.X_OK):
        print(f"bench: {args.dossier} does not exist; build it with: swift build -c release --product dossier", file=sys.stderr)
        sys.exit(1)

    ensure_tools()
    machine = machine_info()
    versions = {"hugo": " ".join(tool_version(["hugo", "version"]).split()[:2]),
                "cmark": tool_version(["cmark", "--version"]).split(" - ")[0]}
    dossier_hash = sha256_file(dossier)

    folder, generator_seconds = corpus(work, args.scale, args.seed)
    if args.scale > REFERENCE_SCALE:
        reference_folder, _ = corpus(work, REFERENCE_SCALE, args.seed)
    counts = corpus_counts(folder)
    content = os.path.join(folder, "content")
    # The previous bench's outputs (of every scale) are put aside, not deleted, until everything is measured;
    # and if the last bench deleted its own a moment ago, this one waits (see the docstring).
    put_aside(work, [name for name in os.listdir(work) if name.startswith(("out-", "incremental-"))])
    outputs = os.path.join(work, f"out-{args.scale}")
    os.makedirs(outputs, exist_ok=True)
    settle(work)

    # Above 10,000 articles, the 10,000-article reference for the growth check is measured run by run
    # beside the cold builds (see dossier_cold).
    reference_cold = None
    if args.scale > REFERENCE_SCALE:
        cold, reference_cold = dossier_cold(
            dossier, content, os.path.join(outputs, "dossier"), args.runs, "dossier cold build",
            reference=(os.path.join(reference_folder, "content"), os.path.join(outputs, "dossier-reference"),
                       "10,000-article reference"))
    else:
        cold = dossier_cold(dossier, content, os.path.join(outputs, "dossier"), args.runs, "dossier cold build")
    dossier_output = output_stats(cold["output"]) if cold["ok"] else None
    hugo = hugo_build(os.path.join(folder, "hugo"), os.path.join(outputs, "hugo"), args.runs, work)
    hugo_output = output_stats(hugo["output"]) if hugo["ok"] else None
    floor = cmark_floor(os.path.join(folder, "bodies.md"), args.runs)
    trace = traced_build(dossier, content, os.path.join(outputs, "dossier-trace")) if cold["ok"] else None
    timeout = max(600.0, 5 * cold.get("best", 0.0) + 300)
    incr = incremental(tool, folder, work, args.scale, args.runs, timeout)
    served = serve_latency(dossier, folder, outputs, args.scale, args.runs, timeout)

    # The reference at 10,000 articles, for the growth check (measured beside the cold builds above).
    reference = None
    if reference_cold is not None:
        if reference_cold["ok"]:
            reference = {"best": reference_cold["best"], "source": "measured run by run beside them",
                         "runs": reference_cold["runs"]}
        else:
            reference = {"best": None, "source": "failed: " + short(reference_cold["error"])}

    # Everything is measured: what was put aside can go.
    empty_trash(work)

    # The table.
    table = Table()
    at_reference = args.scale <= REFERENCE_SCALE
    table.row("Dossier cold build", fmt_s(cold.get("best")),
              fmt_runs(cold["runs"]) if cold["ok"] else "FAILED: " + short(cold["error"]),
              "", "" if cold["ok"] else "FAIL")
    table.row("Hugo", fmt_s(hugo.get("best")),
              fmt_runs(hugo["runs"]) if hugo["ok"] else "FAILED: " + short(hugo["error"]),
              "", "" if hugo["ok"] else "FAIL")
    table.row("cmark floor (all bodies, one file)", fmt_s(floor.get("best")),
              fmt_runs(floor["runs"]) if floor["ok"] else "FAILED: " + short(floor["error"]),
              "", "" if floor["ok"] else "FAIL")
    if cold["ok"] and hugo["ok"]:
        ratio = cold["best"] / hugo["best"]
        detail = f"Dossier {fmt_s(cold['best'])} / Hugo {fmt_s(hugo['best'])}"
        if floor["ok"]:
            detail += f"; Dossier = {cold['best'] / floor['best']:.1f} × cmark floor"
        if at_reference:
            table.check("Dossier / Hugo", f"{ratio:.2f}", detail, f"<= {HUGO_RATIO_LIMIT:.2f}", ratio <= HUGO_RATIO_LIMIT)
        else:
            table.row("Dossier / Hugo", f"{ratio:.2f}", detail, "(target at 10,000)", "info")
    else:
        table.row("Dossier / Hugo", "-", "not measured", f"<= {HUGO_RATIO_LIMIT:.2f}", "FAIL" if at_reference else "info")
    if cold["ok"]:
        rss_mib = cold["peak_rss_kib"] / 1024
        detail = "max over the cold builds" + (f"; Hugo {hugo['peak_rss_kib'] / 1024:.0f} MiB" if hugo["ok"] else "")
        if at_reference:
            table.check("Dossier peak RSS", f"{rss_mib:.0f} MiB", detail, f"<= {RSS_LIMIT_MIB} MiB", rss_mib <= RSS_LIMIT_MIB)
        else:
            table.row("Dossier peak RSS", f"{rss_mib:.0f} MiB", detail, "(target at 10,000)", "info")
        table.check("largest page", fmt_bytes(dossier_output["largest_html_bytes"]), dossier_output["largest_html"] or "no .html",
                    f"<= {PAGE_LIMIT_BYTES // 1024} KiB", dossier_output["largest_html_bytes"] <= PAGE_LIMIT_BYTES)
        detail = f"Dossier {dossier_output['files']:,} files"
        if hugo_output:
            detail += f"; Hugo {fmt_bytes(hugo_output['bytes'])} in {hugo_output['files']:,} files"
        table.row("output size", fmt_bytes(dossier_output["bytes"]), detail)
    else:
        table.row("Dossier peak RSS", "-", "not measured", f"<= {RSS_LIMIT_MIB} MiB", "FAIL" if at_reference else "info")
        table.row("largest page", "-", "not measured", f"<= {PAGE_LIMIT_BYTES // 1024} KiB", "FAIL")
    if incr["ok"] and cold["ok"]:
        share = incr["best"] / cold["best"]
        detail = (f"{share * 100:.1f}% of the cold build; {fmt_runs(incr['runs'])}; its in-process cold build "
                  f"{fmt_s(min(incr['cold_seconds']))}; edited {incr['article']}")
        if not incr["identical"]:
            detail += "; NOT identical to a cold build"
        table.check("incremental rebuild", f"{incr['best']:.3f} s", detail, f"<= {INCREMENTAL_LIMIT * 100:.0f}% of cold",
                    share <= INCREMENTAL_LIMIT and incr["identical"])
    else:
        reason = incr["error"] if not incr["ok"] else "the cold build failed"
        table.row("incremental rebuild", "-", f"not measured (dossier-benchmark incremental failed: {reason})",
                  f"<= {INCREMENTAL_LIMIT * 100:.0f}% of cold", "FAIL")
    if served["ok"] and cold["ok"]:
        share = served["best"] / cold["best"]
        detail = (f"{share * 100:.1f}% of the cold build; {fmt_runs(served['runs'])}; the long poll answered after "
                  f"{fmt_s(min(served['poll_seconds']))}")
        if served["server_build_seconds"]:
            detail += f", the server's rebuild {fmt_s(min(served['server_build_seconds']))}"
        detail += f"; its first build {fmt_s(served['first_build_seconds'])}; edited {served['article']}"
        if not served["stopped_cleanly"]:
            detail += f"; did NOT stop cleanly on SIGINT (exit status {served['exit_status']})"
        table.check("serve: edit visible", f"{served['best']:.3f} s", detail, f"<= {SERVE_LIMIT * 100:.0f}% of cold",
                    share <= SERVE_LIMIT)
    else:
        reason = served["error"] if not served["ok"] else "the cold build failed"
        table.row("serve: edit visible", "-", f"not measured (dossier serve: {reason})",
                  f"<= {SERVE_LIMIT * 100:.0f}% of cold", "FAIL")
    if reference is not None:
        limit_factor = GROWTH_SLACK * args.scale / REFERENCE_SCALE
        if reference["best"] and cold["ok"]:
            growth = cold["best"] / reference["best"]
            table.check(f"growth {args.scale:,} / {REFERENCE_SCALE:,}", f"{growth:.2f} ×",
                        f"{fmt_s(cold['best'])} / {fmt_s(reference['best'])} (10,000 articles {fmt_runs(reference['runs'])}, {reference['source']})",
                        f"<= {limit_factor:g} ×", growth <= limit_factor)
        else:
            table.row(f"growth {args.scale:,} / {REFERENCE_SCALE:,}", "-", f"not measured ({reference['source']})",
                      f"<= {limit_factor:g} ×", "FAIL")
    if trace is not None:
        if trace["stages"]:
            for stage, seconds in trace["stages"]:
                table.row(f"  stage: {stage}", f"{seconds:.3f} s", "")
            table.row("  traced build, total", fmt_s(trace["seconds"]), "DOSSIER_TRACE=1, one run" + ("" if trace["ok"] else ", FAILED"))
        else:
            table.row("  stages", "-", "no trace lines (DOSSIER_TRACE=1)")

    title = (f"make bench: {counts['articles']:,} articles ({counts['markdown_bytes'] / 1e6:.1f} MB of Markdown), "
             f"{counts['actors']:,} actors, {counts['locations']:,} locations, {counts['propositions']:,} propositions, "
             f"{counts['claims']:,} claims; seed {args.seed}; best of {args.runs}")
    generated = (f"generated in {generator_seconds:.1f} s" if generator_seconds is not None else "reused (stamp matches)")
    lines = [
        title,
        f"machine: {machine['nproc']} CPUs ({machine['cpu']}), {machine['ram']} RAM; {versions['hugo']}; {versions['cmark']}",
        f"dossier: {relative(dossier)} (sha256 {dossier_hash[:12]}); corpus {relative(folder)}, {generated}",
        "",
        table.render(),
        "",
        ("FAILED: " + ", ".join(table.failures)) if table.failures else "PASS: every target met",
    ]
    report = "\n".join(lines) + "\n"
    print(report, end="")
    with open(os.path.join(work, f"bench-{args.scale}.txt"), "w") as f:
        f.write(report)
    result = {
        "scale": args.scale, "seed": args.seed, "runs": args.runs, "corpus": counts, "machine": machine, "versions": versions,
        "generator": generator_hash(), "generator_seconds": generator_seconds, "dossier_sha256": dossier_hash,
        "dossier": cold, "dossier_output": dossier_output, "hugo": hugo, "hugo_output": hugo_output, "cmark": floor,
        "trace": trace, "incremental": incr, "serve": served, "reference": reference, "failures": table.failures,
        "passed": not table.failures,
    }
    with open(os.path.join(work, f"result-{args.scale}.json"), "w") as f:
        json.dump(result, f, indent=2, sort_keys=True)
    sys.exit(1 if table.failures else 0)


if __name__ == "__main__":
    main()

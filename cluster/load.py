#!/usr/bin/env python3
"""Bounded command load for the fault suite (cluster/fault-suite.sh): THREADS clients add phases (each with a unique
key) to one project through URL for SECONDS, and record what was acknowledged. Writes a JSON summary to --out:
requests sent, acknowledged keys, answers by status and code, the slowest answer, and when answers failed and
recovered. Loopback only; stops by itself."""
import argparse
import http.client
import json
import threading
import time
import urllib.parse


def request(base, method, path, body=None, token=None, timeout=15.0, headers=None):
    url = urllib.parse.urlparse(base)
    connection = http.client.HTTPConnection(url.hostname, url.port, timeout=timeout)
    try:
        all_headers = {"Content-Type": "application/json"}
        if token:
            all_headers["Authorization"] = "Bearer " + token
        all_headers.update(headers or {})
        connection.request(method, path, body=None if body is None else json.dumps(body), headers=all_headers)
        response = connection.getresponse()
        text = response.read().decode("utf-8", "replace")
        return response.status, text, {name.lower(): value for name, value in response.getheaders()}
    finally:
        connection.close()


def login(base, password, attempts=60):
    for _ in range(attempts):
        try:
            status, text, _ = request(base, "POST", "/api/auth/login", {"username": "admin", "password": password})
            if status == 200:
                return json.loads(text)["accessToken"]
        except OSError:
            pass
        time.sleep(1)
    raise SystemExit("could not log in at " + base)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", required=True)
    parser.add_argument("--password", required=True)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--project", help="an existing project id; by default a new one")
    parser.add_argument("--out", required=True)
    args = parser.parse_args()

    token = login(args.url, args.password)
    project = args.project
    if not project:
        status, text, _ = request(args.url, "POST", "/api/projects", {
            "key": "FAULT-%d" % int(time.time() * 1000), "name": "Fault suite", "description": "bounded load"},
            token)
        if status != 201:
            raise SystemExit("could not create the project: %s %s" % (status, text))
        project = json.loads(text)["id"]

    # The fault suite injects its fault some seconds after this line, once the load really runs.
    print("ready", flush=True)
    lock = threading.Lock()
    acknowledged = []
    outcomes = {}
    slowest = [0.0]
    failures = []  # (time since start, status or error) of every answer that was not 2xx
    start = time.monotonic()
    deadline = start + args.seconds

    def record(outcome, elapsed, key=None):
        with lock:
            outcomes[outcome] = outcomes.get(outcome, 0) + 1
            slowest[0] = max(slowest[0], elapsed)
            if key is not None:
                acknowledged.append(key)
            elif not outcome.startswith("2"):
                failures.append((round(time.monotonic() - start, 2), outcome))

    def client(number):
        n = 0
        while time.monotonic() < deadline:
            key = "L%d-%d" % (number, n)
            n += 1
            sent = time.monotonic()
            try:
                status, text, headers = request(args.url, "POST", "/api/projects/%s/tasks" % project, {
                    "key": key, "level": "PHASE", "title": "phase " + key}, token)
                elapsed = time.monotonic() - sent
                if 200 <= status < 300:
                    record(str(status), elapsed, key)
                else:
                    try:
                        code = json.loads(text).get("code", "")
                    except ValueError:
                        code = "not-json"
                    retry = " Retry-After" if "retry-after" in headers else ""
                    record("%d %s%s" % (status, code, retry), elapsed)
                    time.sleep(0.1)
            except OSError as error:
                record("no answer: " + type(error).__name__, time.monotonic() - sent)
                time.sleep(0.1)

    threads = [threading.Thread(target=client, args=(i,)) for i in range(args.threads)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    with open(args.out, "w") as out:
        json.dump({
            "project": project,
            "sent": sum(outcomes.values()),
            "acknowledged": len(acknowledged),
            "acknowledgedKeys": acknowledged,
            "outcomes": outcomes,
            "slowestSeconds": round(slowest[0], 3),
            "firstFailureAt": failures[0][0] if failures else None,
            "lastFailureAt": failures[-1][0] if failures else None,
        }, out)


if __name__ == "__main__":
    main()

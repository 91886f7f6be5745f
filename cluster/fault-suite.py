#!/usr/bin/env python3
"""The fault suite (docs/reliability.md): each case puts bounded command load on a cluster started by
cluster/cluster.sh (PostgreSQL, two nodes, HAProxy on loopback), injects one fault, and counts what was acknowledged
against what the event store holds. Run it through cluster/fault-suite.sh, which starts and always stops everything."""
import json
import os
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(__file__))
from load import request, login  # noqa: E402

LB = "http://127.0.0.1:%s" % os.environ.get("LB_PORT", "8080")
NODE_BASE_PORT = int(os.environ.get("NODE_BASE_PORT", "8100"))
PASSWORD = os.environ.get("TASKLEDGER_ADMIN_PASSWORD", "cluster-root-passphrase-0")
CLUSTER = os.path.join(os.path.dirname(__file__), "cluster.sh")
LOAD = os.path.join(os.path.dirname(__file__), "load.py")
THREADS = int(os.environ.get("FAULT_THREADS", "8"))
results = []


def node(i):
    return "http://127.0.0.1:%d" % (NODE_BASE_PORT + i)


def cluster(*args):
    subprocess.run([CLUSTER, *args], check=True)


def psql(sql):
    out = subprocess.run([CLUSTER, "psql", "-qtAc", sql], check=True, capture_output=True, text=True).stdout
    return [line for line in out.splitlines() if line]


def node_id(i):
    pid = subprocess.run([CLUSTER, "node-pid", str(i)], check=True, capture_output=True, text=True).stdout.strip()
    return pid + "@"


def start_load(seconds, out, url=LB, project=None):
    command = [sys.executable, LOAD, "--url", url, "--password", PASSWORD, "--seconds", str(seconds),
               "--threads", str(THREADS), "--out", out]
    if project:
        command += ["--project", project]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    # Returns once the clients have logged in and send commands: the fault comes a set time into the load.
    for line in process.stdout:
        if line.strip() == "ready":
            break
    return process


def finish_load(process, out):
    process.wait(timeout=600)
    with open(out) as file:
        return json.load(file)


def stored_keys(project):
    return set(psql("SELECT convert_from(payload, 'UTF8')::jsonb -> 'task' ->> 'key' FROM domain_event_entry"
                    " WHERE aggregate_identifier = '%s' AND payload_type LIKE '%%TaskAdded'" % project))


def compare(load, stored):
    acknowledged = set(load["acknowledgedKeys"])
    return {"sent": load["sent"], "acknowledged": len(acknowledged), "found": len(acknowledged & stored),
            "lost": len(acknowledged - stored), "storedButUnanswered": len(stored - acknowledged),
            "answers": load["outcomes"], "slowestSeconds": load["slowestSeconds"]}


def wait_until(condition, bound, step=0.25):
    start = time.monotonic()
    while time.monotonic() - start < bound:
        if condition():
            return round(time.monotonic() - start, 2)
        time.sleep(step)
    return None


def create_project(token, url=LB):
    status, text, _ = request(url, "POST", "/api/projects", {
        "key": "F%d" % int(time.time() * 1000), "name": "Fault suite", "description": "fault suite"}, token)
    assert status == 201, text
    return json.loads(text)["id"]


def started_lease(token, url):
    """A project with one task started by an agent through the given node: its lease is that node's deadline."""
    project = create_project(token, url)
    status, text, _ = request(url, "POST", "/api/projects/%s/tasks" % project, {
        "key": "LEASED", "level": "PHASE", "title": "leased", "maxRetries": 2, "timeoutMinutes": 1}, token)
    assert status == 201, text
    agent = "@fault-agent"
    status, text, _ = request(url, "POST", "/api/users", {
        "username": agent, "password": "lease-holder-secret-77", "displayName": "Fault agent", "kind": "AGENT",
        "role": "AGENT"}, token)
    assert status in (201, 409), text
    status, text, _ = request(url, "POST", "/api/projects/%s/members" % project,
                              {"username": agent, "role": "AGENT"}, token)
    assert status == 200, text
    status, text, _ = request(url, "POST", "/api/auth/login",
                              {"username": agent, "password": "lease-holder-secret-77"})
    agent_token = json.loads(text)["accessToken"]
    status, text, _ = request(url, "POST", "/api/projects/%s/tasks/LEASED/start" % project, {"agent": agent},
                              agent_token)
    assert status == 200, text
    return project


def timed_out(token, project):
    status, text, _ = request(LB, "GET", "/api/projects/%s/tasks/LEASED" % project, None, token)
    if status != 200:
        return False
    history = json.loads(text).get("attemptHistory") or []
    return bool(history) and history[0].get("failureReason") == "TIMED_OUT"


def attempt_failures(project):
    return int(psql("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = '%s'"
                    " AND payload_type LIKE '%%AttemptFailed'" % project)[0])


def case_kill_node(token):
    leased = started_lease(token, node(1))
    out = tempfile.mktemp(suffix=".json")
    load = start_load(30, out)
    time.sleep(8)
    dead = node_id(1)
    cluster("kill-node", "1")
    killed_at = time.monotonic()
    takeover = wait_until(lambda: int(psql(
        "SELECT count(*) FROM token_entry WHERE owner LIKE '%s%%'" % dead)[0]) == 0 and int(psql(
        "SELECT count(*) FROM token_entry WHERE owner IS NOT NULL")[0]) == int(psql(
        "SELECT count(*) FROM token_entry")[0]), 60)
    psql("UPDATE scheduled_tasks SET execution_time = now() WHERE position(convert_to('%s', 'UTF8') in task_data) > 0"
         % leased)
    lease_fired = wait_until(lambda: timed_out(token, leased), 60)
    result = finish_load(load, out)
    outcome = compare(result, stored_keys(result["project"]))
    outcome.update({"segmentsTakenOverSeconds": takeover, "leaseOfDeadNodeFiredSeconds": lease_fired,
                    "leaseFailuresRecorded": attempt_failures(leased),
                    "failuresBetweenSeconds": [result["firstFailureAt"], result["lastFailureAt"]],
                    "killedAtSecond": 8, "sinceKill": round(time.monotonic() - killed_at, 1)})
    cluster("start-node", "1")
    return outcome


def case_postgres_outage(token):
    out = tempfile.mktemp(suffix=".json")
    load = start_load(40, out)
    time.sleep(10)
    cluster("stop-postgres")
    time.sleep(10)
    cluster("start-postgres")
    back_at = time.monotonic()
    result = finish_load(load, out)
    project = result["project"]
    last = psql("SELECT max(sequence_number) FROM domain_event_entry WHERE aggregate_identifier = '%s'" % project)[0]
    board = wait_until(lambda: request(LB, "GET", "/api/projects/%s" % project, None, token,
                                       headers={"X-Min-Version": last})[0] == 200, 30)
    outcome = compare(result, stored_keys(project))
    alive = [subprocess.run(["kill", "-0", subprocess.run([CLUSTER, "node-pid", str(i)], capture_output=True,
                                                           text=True).stdout.strip()]).returncode == 0
             for i in (1, 2)]
    outcome.update({"outageSeconds": [10, 20],
                    "failuresBetweenSeconds": [result["firstFailureAt"], result["lastFailureAt"]],
                    "boardCaughtUpSecondsAfterLoad": board, "nodesAlive": alive,
                    "secondsFromRestartToLoadEnd": round(time.monotonic() - back_at, 1)})
    return outcome


def case_poison_event(token):
    psql("ALTER TABLE board_task ADD CONSTRAINT fault_suite_poison CHECK (title <> 'poison-pill') NOT VALID")
    try:
        poisoned = create_project(token)
        status, text, _ = request(LB, "POST", "/api/projects/%s/tasks" % poisoned,
                                  {"key": "P1", "level": "PHASE", "title": "poison-pill"}, token)
        assert status == 201, text
        healthy = create_project(token)
        status, text, headers = request(LB, "POST", "/api/projects/%s/tasks" % healthy,
                                        {"key": "H1", "level": "PHASE", "title": "healthy"}, token)
        assert status == 201, text
        flowed = request(LB, "GET", "/api/projects/%s/tasks/H1" % healthy, None, token,
                         headers={"X-Min-Version": headers["etag"]})[0]
        letters = []

        def parked():
            _, body, _ = request(LB, "GET", "/api/admin/dead-letters", None, token)
            letters[:] = [letter for letter in json.loads(body) if letter.get("sequence") == poisoned]
            return bool(letters)
        parked_after = wait_until(parked, 30)
    finally:
        psql("ALTER TABLE board_task DROP CONSTRAINT fault_suite_poison")
    retried = request(LB, "POST", "/api/admin/dead-letters/%s/retry" % letters[0]["id"], None, token)[0] \
        if letters else None
    shown = wait_until(lambda: request(LB, "GET", "/api/projects/%s/tasks/P1" % poisoned, None, token)[0] == 200, 30)
    return {"otherProjectFlowed": flowed, "parkedSeconds": parked_after, "retryStatus": retried,
            "shownAfterRetrySeconds": shown}


EXAMPLE_PLAN = {"phases": [{"key": "P1", "title": "Phase", "tasks": [
    {"key": "P1-T1", "title": "Task one", "subtasks": [
        {"key": "P1-T1-S1", "title": "First", "steps": [{"key": "P1-T1-S1-01", "description": "do it",
                                                          "successCriteria": [{"type": "EXIT_CODE", "expected": "0"}]}]},
        {"key": "P1-T1-S2", "title": "Second", "prerequisites": ["P1-T1-S1"],
         "steps": [{"key": "P1-T1-S2-01", "description": "check it",
                    "successCriteria": [{"type": "EXIT_CODE", "expected": "0"}]}]}]},
    {"key": "P1-T2", "title": "Task two", "prerequisites": ["P1-T1"], "subtasks": [
        {"key": "P1-T2-S1", "title": "Third", "steps": [{"key": "P1-T2-S1-01", "description": "ship it",
                                                          "successCriteria": [{"type": "EXIT_CODE", "expected": "0"}]}]}]}]}]}


def board_digest():
    return psql("SELECT md5(string_agg(t::text, '|' ORDER BY t.project_id, t.task_key)) FROM board_task t")[0]


def case_restart_during_rebuild(token, projects=150):
    ids = []
    for _ in range(projects):
        project = create_project(token)
        status, text, _ = request(LB, "POST", "/api/projects/%s/plan" % project, EXAMPLE_PLAN, token)
        assert status == 200, text
        ids.append((project, json.loads(text).get("version")))
    last_id, last_version = ids[-1]
    wait_until(lambda: request(LB, "GET", "/api/projects/%s" % last_id, None, token,
                               headers={"X-Min-Version": str(last_version)})[0] == 200, 60)
    before = board_digest()
    partial = []
    reads = {}
    reading = threading.Event()
    reading.set()

    def reader():
        while reading.is_set():
            for project, _ in ids[-5:]:
                try:
                    status, text, _ = request(LB, "GET", "/api/projects/%s/tasks" % project, None, token)
                    reads[status] = reads.get(status, 0) + 1
                    if status == 200 and len(json.loads(text)) != 6:
                        partial.append(len(json.loads(text)))
                except OSError as error:
                    reads[type(error).__name__] = reads.get(type(error).__name__, 0) + 1
    thread = threading.Thread(target=reader)
    thread.start()
    status, text, _ = request(node(1), "POST", "/api/admin/projections/task-board/rebuild", None, token)
    assert status == 202, text
    time.sleep(0.5)
    _, body, _ = request(node(1), "GET", "/api/admin/projections", None, token)
    progress_at_kill = [p for p in json.loads(body) if p["name"] == "task-board"][0]
    cluster("kill-node", "1")
    restarted = None
    started_at = time.monotonic()
    while time.monotonic() - started_at < 60:
        status, _, _ = request(LB, "POST", "/api/admin/projections/task-board/rebuild", None, token)
        if status == 202:
            restarted = round(time.monotonic() - started_at, 2)
            break
        time.sleep(0.5)

    def finished():
        _, body, _ = request(LB, "GET", "/api/admin/projections", None, token)
        board = [p for p in json.loads(body) if p["name"] == "task-board"][0]
        return board["state"] == "RUNNING"
    done = wait_until(finished, 120)
    reading.clear()
    thread.join()
    cluster("start-node", "1")
    return {"projects": projects, "stateAtKill": progress_at_kill.get("state"),
            "rebuildRestartedOnOtherNodeSeconds": restarted,
            "rebuildCompletedSeconds": done, "partialBoardsRead": len(partial), "readsByAnswer": reads,
            "boardEqualsBefore": board_digest() == before}


def case_single_node_kill(_token):
    """The default setup: one server on its embedded PostgreSQL, killed with kill -9 under load, started again."""
    directory = tempfile.mkdtemp(prefix="taskledger-single-")
    port = NODE_BASE_PORT + 90
    url = "http://127.0.0.1:%d" % port
    environment = dict(os.environ, TASKLEDGER_DATA_DIR=directory, SERVER_PORT=str(port), SERVER_ADDRESS="127.0.0.1",
                       TASKLEDGER_ADMIN_PASSWORD=PASSWORD, AXONIQ_UPDATE_CHECKER_DISABLED="true")
    environment.pop("SPRING_DATASOURCE_URL", None)
    jar = os.path.join(os.path.dirname(__file__), "..", "infra", "target", "taskledger", "taskledger.jar")

    def start():
        log = open(os.path.join(directory, "server.log"), "a")
        server = subprocess.Popen(["java", "-Xmx384m", "-jar", jar], env=environment, stdout=log, stderr=log)
        healthy = wait_until(lambda: _healthy(url), 300, 1)
        assert healthy is not None, "the single server did not start; see " + directory
        return server, healthy
    server, _ = start()
    out = tempfile.mktemp(suffix=".json")
    load = start_load(15, out, url=url)
    time.sleep(7)
    server.kill()
    server.wait()
    orphan = subprocess.run(["pgrep", "-f", os.path.join(directory, "postgres")], capture_output=True).returncode == 0
    result = finish_load(load, out)
    server, restart_seconds = start()
    try:
        token = login(url, PASSWORD)
        stored, after = set(), -1
        while True:
            _, body, _ = request(url, "GET", "/api/projects/%s/events?limit=1000&after=%d" % (result["project"], after),
                                 None, token)
            page = json.loads(body)
            stored |= {e["payload"]["task"]["key"] for e in page["events"] if e["type"] == "TaskAdded"}
            after = page["nextAfter"]
            if not page["hasMore"]:
                break
        outcome = compare(result, stored)
        outcome.update({"embeddedPostgresOutlivedTheKill": orphan, "restartSeconds": restart_seconds})
        return outcome
    finally:
        server.terminate()
        server.wait(timeout=120)


def _healthy(url):
    try:
        return request(url, "GET", "/health", timeout=2)[0] == 200
    except OSError:
        return False


def main():
    token = login(LB, PASSWORD)
    cases = sys.argv[1:] or ["kill-node", "postgres-outage", "poison-event", "restart-during-rebuild",
                             "single-node-kill"]
    for case in cases:
        started = time.monotonic()
        outcome = {"kill-node": case_kill_node, "postgres-outage": case_postgres_outage,
                   "poison-event": case_poison_event, "restart-during-rebuild": case_restart_during_rebuild,
                   "single-node-kill": case_single_node_kill}[case](
            login(LB, PASSWORD))
        outcome["caseSeconds"] = round(time.monotonic() - started, 1)
        print(json.dumps({case: outcome}), flush=True)
        results.append({case: outcome})


if __name__ == "__main__":
    main()

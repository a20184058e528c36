"""The task queue's ground: jobs that outlive their worker, the claim that lets one confirmation
through, /healthz. (The real processes are in test_deployment.py.)"""

import json
import time

import pytest
from huey.contrib.djhuey import HUEY

from kimitsu.core import jobs, tasks
from kimitsu.organizations.choices import Role
from kimitsu.testing.queue import queue_worker

pytestmark = pytest.mark.django_db

calls = []


@jobs.work("test.record")
def _record(state, *, value):
    calls.append(value)
    state["stage"] = "done"


@pytest.fixture
def job(company, member_of):
    admin = member_of(company, Role.ADMIN)
    state = jobs.create(
        "test", organization=company, user=admin.user, filename="a.csv", data=b"abc", stage="new"
    )
    return state, company, admin.user


def test_a_job_runs_its_named_work_and_only_its_starter_loads_it(job, other_company, member_of):
    state, company, user = job
    calls.clear()
    jobs.run(state, "working", "test.record", value=42)
    assert calls == [42] and state["stage"] == "done" and not state["running"]
    assert jobs.load("test", state["token"], organization=company, user=user)["stage"] == "done"
    stranger = member_of(company, Role.ADMIN).user
    assert jobs.load("test", state["token"], organization=company, user=stranger) is None
    assert jobs.load("test", state["token"], organization=other_company, user=user) is None
    assert jobs.load("other-kind", state["token"], organization=company, user=user) is None
    with pytest.raises(LookupError):
        jobs.run(state, "working", "no.such.work")


def test_one_claim_for_one_upload(job):
    state, _company, _user = job
    assert jobs.claim_upload(state) == b"abc"
    assert jobs.claim_upload(state) is None  # a second confirmation gets nothing
    jobs.drop_upload(state)
    assert jobs.upload(state) is None


def test_a_job_whose_worker_stopped_beating_is_stopped_and_can_be_started_again(
    job, settings, tmp_path
):
    state, company, user = job
    settings.KIMITSU_JOB_DEAD_AFTER_S = 5
    with queue_worker(tmp_path) as consumer:
        consumer.stop(graceful=True)  # a queue nobody works: the job waits, then is given back
        state = jobs.create(
            "test", organization=company, user=user, filename="a.csv", data=b"x", stage="ready"
        )
        assert jobs.claim_upload(state) == b"x"
        jobs.run(state, "working", "test.record", retry_stage="ready", value=1)
        loaded = jobs.load("test", state["token"], organization=company, user=user)
        assert loaded["running"] and loaded["stage"] == "working"  # fresh: still waiting
        state["beat"] = time.time() - 6
        state["started"] = True
        jobs.save(state)
        loaded = jobs.load("test", state["token"], organization=company, user=user)
        assert not loaded["running"] and loaded["stage"] == "ready" and loaded["stopped"]
        assert loaded["message"] == "処理が途中で止まりました。何も登録していません。"
        assert jobs.claim_upload(loaded) == b"x"  # the claim was released, the upload kept


def test_a_worker_process_runs_the_queued_work(job, tmp_path):
    state, company, user = job
    calls.clear()
    with queue_worker(tmp_path):
        state = jobs.create(
            "test", organization=company, user=user, filename="a.csv", data=b"x", stage="new"
        )
        jobs.run(state, "working", "test.record", value=7)
        for _ in range(100):
            if not jobs.load("test", state["token"], organization=company, user=user)["running"]:
                break
            time.sleep(0.05)
        assert calls == [7]
        done = jobs.load("test", state["token"], organization=company, user=user)
        assert done["stage"] == "done" and done["started"]


def test_healthz_says_ok_or_503_and_names_nothing(client, tmp_path):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok" and body["database"] == "ok" and body["migrations"] == "ok"
    assert set(body) == {"status", "database", "migrations", "queue", "worker"}
    with queue_worker(tmp_path) as consumer:
        consumer.stop(graceful=True)
        stale = client.get("/healthz")  # a real queue, and no worker has ever beaten
        assert stale.status_code == 503 and stale.json()["worker"]["status"] == "stale"
        assert client.get("/healthz?web=1").status_code == 200  # for load balancers
        tasks.beat()
        assert client.get("/healthz").status_code == 200


def test_old_jobs_are_forgotten(job):
    state, company, user = job
    state["updated"] = time.time() - 2 * jobs.KEEP_S
    jobs._storage().put_data(jobs._key(state["token"]), json.dumps(state).encode())
    assert jobs.clear_old() >= 1
    assert jobs.load("test", state["token"], organization=company, user=user) is None
    assert jobs.upload(state) is None
    assert HUEY.immediate  # the tests' default is back


def test_a_task_of_an_earlier_attempt_does_nothing(job):
    """A job given back to the user after its worker went quiet, and confirmed again, has a new
    attempt: the first task, if a worker takes it up at last, must not run the work twice."""
    state, company, user = job
    calls.clear()
    jobs.run(state, "working", "test.record", value=1)
    assert calls == [1]
    state.update(running=True)  # as if started again and still waiting
    jobs.save(state)
    jobs.run_job.call_local(
        state["token"], "an-earlier-attempt", "test.record", {"value": 2}, "", ""
    )
    assert calls == [1]
    jobs.run_job.call_local(state["token"], state["attempt"], "test.record", {"value": 3}, "", "")
    assert calls == [1, 3]


def test_a_job_waiting_behind_long_work_is_not_taken_for_dead_while_a_worker_beats(
    job, settings, tmp_path
):
    state, company, user = job
    settings.KIMITSU_JOB_DEAD_AFTER_S = 5
    with queue_worker(tmp_path) as consumer:
        consumer.stop(graceful=True)
        state = jobs.create(
            "test", organization=company, user=user, filename="a.csv", data=b"x", stage="ready"
        )
        jobs.run(state, "working", "test.record", retry_stage="ready", value=1)
        state["beat"] = time.time() - 600  # queued ten minutes ago, never started
        jobs.save(state)
        tasks.beat()  # but a worker is alive (busy elsewhere)
        assert jobs.load("test", state["token"], organization=company, user=user)["running"]

"""Handlers of the Task Timer operations (durations in milliseconds, one timer per user)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from astravue_async._fake.call import Call, Handler
from astravue_async._fake.clock import milliseconds
from astravue_async._fake.dto import entry_dto, timer_data
from astravue_async._fake.envelope import ApiProblem, not_found
from astravue_async._fake.ops_tasks import find_any_task
from astravue_async._fake.state import Task, TimeEntry

__all__ = ["HANDLERS"]


def _personal_task(call: Call) -> Task:
    task = find_any_task(call)
    if task.project_id is not None:
        raise not_found("Task", task.task_id)
    return task


def _project_task(call: Call) -> Task:
    project = call.org.projects.get(call.params["projectId"])
    if project is None:
        raise not_found("Project", call.params["projectId"])
    task = call.org.tasks.get(call.params["taskId"])
    if task is None or task.project_id != project.project_id:
        raise not_found("Task", call.params["taskId"])
    return task


def _running(call: Call, user_id: int) -> TimeEntry | None:
    return next((e for e in call.org.entries.values() if e.user_id == user_id and e.running), None)


def _save(
    call: Call,
    task: Task,
    kind: str,
    start: datetime,
    end: datetime | None,
    billable: bool | None,
    notes: str | None,
) -> dict[str, Any]:
    entry = TimeEntry(
        entry_id=call.store.next_id("time_entry"),
        task_id=task.task_id,
        user_id=call.user.user_id,
        entry_type=kind,
        start=start,
        end=end,
        duration_ms=0 if end is None else milliseconds(end - start),
        billable=bool(billable),
        notes=notes,
        create_time=call.now,
        update_time=call.now,
    )
    call.org.entries[entry.entry_id] = entry
    return entry_dto(call.store, call.org, entry)


def _start(call: Call, task: Task) -> dict[str, Any]:
    reader = call.reader()
    billable, notes = reader.boolean("billable"), reader.text("notes")
    reader.check()
    running = _running(call, call.user.user_id)
    if running is not None:
        raise ApiProblem(
            409,
            f"A timer is already running for this user (task {running.task_id}); stop it first",
        )
    return _save(call, task, "TIMER", call.now, None, billable, notes)


def _range(call: Call, task: Task) -> dict[str, Any]:
    reader = call.reader()
    start = reader.instant("startTime", required=True)
    end = reader.instant("endTime", required=True)
    billable, notes = reader.boolean("billable"), reader.text("notes")
    if start is not None and end is not None and end <= start:
        reader.fail("endTime", "must be after startTime", call.body.get("endTime"))
    reader.check()
    assert start is not None  # required: check() would have raised
    return _save(call, task, "RANGE", start, end, billable, notes)


def _manual(call: Call, task: Task) -> dict[str, Any]:
    reader = call.reader()
    hours = reader.integer("hours", minimum=0)
    minutes = reader.integer("minutes", minimum=0, maximum=59)
    start = reader.instant("startTime")
    billable, notes = reader.boolean("billable"), reader.text("notes")
    if not reader.errors and not (hours or minutes):
        reader.fail("hours", "at least one of hours or minutes must be greater than zero", hours)
    reader.check()
    begin = start or call.now  # the spec: "the server uses the current time if omitted"
    end = begin + timedelta(hours=hours or 0, minutes=minutes or 0)
    return _save(call, task, "MANUAL", begin, end, billable, notes)


def start_personal_task_timer(call: Call) -> dict[str, Any]:
    return _start(call, _personal_task(call))


def start_project_task_timer(call: Call) -> dict[str, Any]:
    return _start(call, _project_task(call))


def add_personal_task_range(call: Call) -> dict[str, Any]:
    return _range(call, _personal_task(call))


def add_project_task_range(call: Call) -> dict[str, Any]:
    return _range(call, _project_task(call))


def add_personal_task_manual(call: Call) -> dict[str, Any]:
    return _manual(call, _personal_task(call))


def add_project_task_manual(call: Call) -> dict[str, Any]:
    return _manual(call, _project_task(call))


def stop_timer(call: Call) -> dict[str, Any]:
    task = find_any_task(call)
    reader = call.reader()
    billable, notes = reader.boolean("billable"), reader.text("notes")
    reader.check()
    entry = _running(call, call.user.user_id)
    if entry is None or entry.task_id != task.task_id:
        raise not_found("Running timer on task", task.task_id)
    entry.end = max(call.now, entry.start)
    entry.duration_ms = milliseconds(entry.end - entry.start)
    if billable is not None:
        entry.billable = billable
    if notes is not None:
        entry.notes = notes
    entry.update_time = call.now
    return entry_dto(call.store, call.org, entry)


def _user_param(call: Call) -> int:
    query = call.query_reader()
    user_id = query.integer("userId", default=call.user.user_id)
    query.check()
    assert user_id is not None
    return user_id


def list_task_timers(call: Call) -> list[dict[str, Any]]:
    task = find_any_task(call)
    user_id = _user_param(call)
    entries = [
        e for e in call.org.entries.values() if e.task_id == task.task_id and e.user_id == user_id
    ]
    entries.sort(key=lambda e: (e.start, e.entry_id))
    return [entry_dto(call.store, call.org, e) for e in entries]


def list_active_timers(call: Call) -> list[dict[str, Any]]:
    running = _running(call, _user_param(call))
    return [] if running is None else [timer_data(call.org, running, call.now)]


def _own_entry(call: Call) -> TimeEntry:
    entry = call.org.entries.get(call.params["timeTrackerId"])
    # Another user's entry is reported as missing, not forbidden: ids must not leak.
    if entry is None or entry.user_id != call.user.user_id:
        raise not_found("Time entry", call.params["timeTrackerId"])
    return entry


def update_timer(call: Call) -> dict[str, Any]:
    entry = _own_entry(call)
    reader = call.reader()
    start, end = reader.instant("startTime"), reader.instant("endTime")
    duration = reader.integer("duration", minimum=0)
    billable, notes = reader.boolean("billable"), reader.text("notes")
    new_start = start or entry.start
    new_end = entry.end
    if entry.running:
        for name in ("endTime", "duration"):
            if reader.given(name):
                reader.fail(
                    name, "cannot be set while the timer runs; stop it first", call.body[name]
                )
    elif end is not None and duration is not None and milliseconds(end - new_start) != duration:
        reader.fail("duration", "does not match endTime - startTime; give one of them", duration)
    elif end is not None:
        new_end = end
    elif duration is not None:
        try:
            new_end = new_start + timedelta(milliseconds=duration)
        except OverflowError:  # a duration past year 9999 is a bad request, not a crash
            reader.fail("duration", "is too large", duration)
    if new_end is not None and new_end < new_start:
        reader.fail("endTime", "must not be before startTime", call.body.get("endTime"))
    if new_start > call.now and entry.running:
        reader.fail(
            "startTime", "a running timer cannot start in the future", call.body.get("startTime")
        )
    reader.check()
    entry.start, entry.end = new_start, new_end
    entry.duration_ms = 0 if new_end is None else milliseconds(new_end - new_start)
    if billable is not None:
        entry.billable = billable
    if notes is not None:
        entry.notes = notes
    entry.update_time = call.now
    return entry_dto(call.store, call.org, entry)


def delete_timer(call: Call) -> None:
    del call.org.entries[_own_entry(call).entry_id]


HANDLERS: dict[str, Handler] = {
    "start_personal_task_timer": start_personal_task_timer,
    "start_project_task_timer": start_project_task_timer,
    "add_personal_task_range": add_personal_task_range,
    "add_project_task_range": add_project_task_range,
    "add_personal_task_manual": add_personal_task_manual,
    "add_project_task_manual": add_project_task_manual,
    "stop_timer": stop_timer,
    "list_task_timers": list_task_timers,
    "list_active_timers": list_active_timers,
    "update_timer": update_timer,
    "delete_timer": delete_timer,
}

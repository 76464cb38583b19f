"""Handlers of the task operations: personal and project tasks, subtasks, comments, checklists.

Visibility: a personal task (and its subtasks) is visible to its creator and its owners;
project tasks are visible to every member of the organisation. An invisible task is a 404.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from astravue_async._fake.call import Call, Handler
from astravue_async._fake.dto import checklist_dto, comment_dto, task_dto
from astravue_async._fake.envelope import not_found
from astravue_async._fake.notify import find_mentions, notify_assigned, notify_mentioned
from astravue_async._fake.ops_spaces import find_project
from astravue_async._fake.state import Org, Task
from astravue_async._fake.validate import page_response, sort_items

__all__ = ["HANDLERS", "find_any_task", "is_visible"]

_TASK_SORT = {
    "taskId": lambda t: t.task_id,
    "taskTitle": lambda t: t.title.casefold(),
    "startDate": lambda t: t.start_date,
    "dueDate": lambda t: t.due_date,
    "completion": lambda t: t.completion,
    "createTime": lambda t: (t.create_time, t.task_id),
    "updateTime": lambda t: (t.update_time, t.task_id),
}


def is_visible(org: Org, task: Task, user_id: int) -> bool:
    """Whether ``user_id`` may see ``task`` (see the module docstring)."""
    root = task
    while root.parent_task_id is not None:
        root = org.tasks[root.parent_task_id]
    return root.project_id is not None or user_id == root.created_by or user_id in root.owner_ids


def find_any_task(call: Call, key: str = "taskId") -> Task:
    """Any visible task (personal or project) by the path parameter ``key``, or 404."""
    task = call.org.tasks.get(call.params[key])
    if task is None or not is_visible(call.org, task, call.user.user_id):
        raise not_found("Task", call.params[key])
    return task


def _personal_task(call: Call) -> Task:
    task = find_any_task(call)
    if task.project_id is not None:
        # Project tasks are addressed through their project, never through /tasks/{id}.
        raise not_found("Task", task.task_id)
    return task


def _project_task(call: Call) -> Task:
    project = find_project(call)
    task = call.org.tasks.get(call.params["taskId"])
    if task is None or task.project_id != project.project_id:
        raise not_found("Task", call.params["taskId"])
    return task


def _unique(ids: Iterable[int]) -> list[int]:
    return list(dict.fromkeys(ids))


def _task_fields(call: Call, task: Task | None) -> dict[str, Any]:
    """Validated fields of a TaskCreateRequest (``task`` None) or TaskUpdateRequest."""
    reader = call.reader()
    org = call.org
    fields: dict[str, Any] = {
        "title": reader.text("taskTitle", required=task is None, not_blank=True),
        "description": reader.text("description"),
        "owner_ids": reader.int_list("owners"),
        "start_date": reader.instant("startDate"),
        "due_date": reader.instant("dueDate"),
        "completion": reader.integer("completion", minimum=0, maximum=100),
        "tags": reader.text_list("tags"),
    }
    owners = fields["owner_ids"]
    if owners is not None:
        unknown = [uid for uid in owners if uid not in call.store.users]
        if unknown:
            reader.fail("owners", f"unknown user id(s): {unknown}", owners)
        fields["owner_ids"] = _unique(owners)
    for name, named, labels in (
        ("status", org.status_named, org.statuses),
        ("priority", org.priority_named, org.priorities),
    ):
        text = reader.text(name)
        if text is None:
            continue
        label = named(text)
        if label is None:
            known = ", ".join(repr(item.name) for item in labels.values())
            reader.fail(name, f"unknown {name} {text!r}; this organisation has {known}", text)
        else:
            fields[f"{name}_id"] = label.label_id
    start = fields["start_date"] or (task.start_date if task else None)
    due = fields["due_date"] or (task.due_date if task else None)
    if start is not None and due is not None and due < start:
        reader.fail("dueDate", "must not be before startDate", call.body.get("dueDate"))
    reader.check()
    # An update's null clears the fields the spec marks nullable (openapi/overrides.yaml).
    cleared = set()
    if task is not None:
        for wire, name in (
            ("description", "description"),
            ("startDate", "start_date"),
            ("dueDate", "due_date"),
        ):
            if reader.cleared(wire):
                cleared.add(name)
    return {key: value for key, value in fields.items() if value is not None or key in cleared}


def _create(call: Call, *, space_id: int | None, project_id: int | None) -> dict[str, Any]:
    fields = _task_fields(call, None)
    org, actor = call.org, call.user.user_id
    task = Task(
        task_id=call.store.next_id("task"),
        title=fields["title"],
        description=fields.get("description"),
        owner_ids=fields.get("owner_ids", []),
        start_date=fields.get("start_date"),
        due_date=fields.get("due_date"),
        completion=fields.get("completion", 0),
        status_id=fields.get("status_id", org.default_label(org.statuses).label_id),
        priority_id=fields.get("priority_id", org.default_label(org.priorities).label_id),
        tags=fields.get("tags", []),
        space_id=space_id,
        project_id=project_id,
        parent_task_id=None,
        mentioned_ids=find_mentions(call.store, fields.get("description")),
        created_by=actor,
        modified_by=actor,
        create_time=call.now,
        update_time=call.now,
    )
    org.tasks[task.task_id] = task
    notify_assigned(call.store, org, task, task.owner_ids, actor, call.now)
    notify_mentioned(call.store, org, task, task.mentioned_ids, actor, call.now)
    return task_dto(call.store, org, task)


def _update(call: Call, task: Task) -> dict[str, Any]:
    fields = _task_fields(call, task)
    old_owners, old_mentions = set(task.owner_ids), set(task.mentioned_ids)
    for name, value in fields.items():
        setattr(task, name, value)
    task.mentioned_ids = find_mentions(call.store, task.description)
    task.modified_by = call.user.user_id
    task.update_time = call.now
    actor = call.user.user_id
    new_owners = [uid for uid in task.owner_ids if uid not in old_owners]
    new_mentions = [uid for uid in task.mentioned_ids if uid not in old_mentions]
    notify_assigned(call.store, call.org, task, new_owners, actor, call.now)
    notify_mentioned(call.store, call.org, task, new_mentions, actor, call.now)
    return task_dto(call.store, call.org, task)


def _list(call: Call, tasks: Iterable[Task]) -> dict[str, Any]:
    query = call.query_reader()
    page, size = query.paging()
    status, priority = query.text("status"), query.text("priority")
    search = query.text("search")
    due_from, due_to = query.instant("dueDateFrom"), query.instant("dueDateTo")
    owner_id = query.integer("ownerId")
    query.check()
    org = call.org
    selected = []
    for task in tasks:
        if status is not None and org.statuses[task.status_id].name.casefold() != status.casefold():
            continue
        if priority is not None and (
            org.priorities[task.priority_id].name.casefold() != priority.casefold()
        ):
            continue
        if search is not None:
            haystack = f"{task.title}\n{task.description or ''}".casefold()
            if search.casefold() not in haystack:
                continue
        # A date filter only matches tasks that have a due date at all.
        if due_from is not None and (task.due_date is None or task.due_date < due_from):
            continue
        if due_to is not None and (task.due_date is None or task.due_date > due_to):
            continue
        if owner_id is not None and owner_id not in task.owner_ids:
            continue
        selected.append(task)
    ordered = sort_items(selected, query.sort_orders(), _TASK_SORT)
    return page_response(ordered, page, size, lambda t: task_dto(call.store, org, t))


# --------------------------------------------------------------------------- personal tasks


def list_tasks(call: Call) -> dict[str, Any]:
    personal = (
        task
        for task in call.org.tasks.values()
        if task.project_id is None
        and task.parent_task_id is None
        and is_visible(call.org, task, call.user.user_id)
    )
    return _list(call, personal)


def create_task(call: Call) -> dict[str, Any]:
    return _create(call, space_id=None, project_id=None)


def get_task(call: Call) -> dict[str, Any]:
    return task_dto(call.store, call.org, _personal_task(call))


def update_task(call: Call) -> dict[str, Any]:
    return _update(call, _personal_task(call))


def delete_task(call: Call) -> None:
    call.org.delete_task(_personal_task(call).task_id)


# --------------------------------------------------------------------------- project tasks


def list_project_tasks(call: Call) -> dict[str, Any]:
    project = find_project(call)
    tasks = (
        task
        for task in call.org.tasks.values()
        if task.project_id == project.project_id and task.parent_task_id is None
    )
    return _list(call, tasks)


def create_project_task(call: Call) -> dict[str, Any]:
    project = find_project(call)
    return _create(call, space_id=project.space_id, project_id=project.project_id)


def get_project_task(call: Call) -> dict[str, Any]:
    return task_dto(call.store, call.org, _project_task(call))


def update_project_task(call: Call) -> dict[str, Any]:
    return _update(call, _project_task(call))


def delete_project_task(call: Call) -> None:
    call.org.delete_task(_project_task(call).task_id)


# --------------------------------------------------------------------------- task details


def list_task_comments(call: Call) -> list[dict[str, Any]]:
    task = find_any_task(call)
    comments = [c for c in call.org.comments.values() if c.task_id == task.task_id]
    comments.sort(key=lambda c: (c.create_time, c.comment_id))
    return [comment_dto(call.store, call.org, c) for c in comments]


def list_personal_subtasks(call: Call) -> list[dict[str, Any]]:
    task = _personal_task(call)
    return [task_dto(call.store, call.org, t) for t in call.org.subtasks(task.task_id)]


def list_project_subtasks(call: Call) -> list[dict[str, Any]]:
    task = _project_task(call)
    return [task_dto(call.store, call.org, t) for t in call.org.subtasks(task.task_id)]


def _checklist(call: Call, task: Task) -> list[dict[str, Any]]:
    items = [item for item in call.org.checklists.values() if item.task_id == task.task_id]
    items.sort(key=lambda item: (item.position, item.item_id))
    return [checklist_dto(call.store, call.org, item) for item in items]


def list_parent_task_checklists(call: Call) -> list[dict[str, Any]]:
    return _checklist(call, find_any_task(call))


def list_subtask_checklists(call: Call) -> list[dict[str, Any]]:
    parent = find_any_task(call)
    subtask = call.org.tasks.get(call.params["subtaskId"])
    if subtask is None or subtask.parent_task_id != parent.task_id:
        raise not_found("Subtask", call.params["subtaskId"])
    return _checklist(call, subtask)


HANDLERS: dict[str, Handler] = {
    "list_tasks": list_tasks,
    "create_task": create_task,
    "get_task": get_task,
    "update_task": update_task,
    "delete_task": delete_task,
    "list_project_tasks": list_project_tasks,
    "create_project_task": create_project_task,
    "get_project_task": get_project_task,
    "update_project_task": update_project_task,
    "delete_project_task": delete_project_task,
    "list_task_comments": list_task_comments,
    "list_personal_subtasks": list_personal_subtasks,
    "list_project_subtasks": list_project_subtasks,
    "list_parent_task_checklists": list_parent_task_checklists,
    "list_subtask_checklists": list_subtask_checklists,
}

"""Handlers of the Spaces and Projects operations."""

from __future__ import annotations

from typing import Any

from astravue_async._fake.call import Call, Handler
from astravue_async._fake.dto import project_dto, space_dto
from astravue_async._fake.envelope import not_found
from astravue_async._fake.state import Project, Space
from astravue_async._fake.validate import BodyReader, page_response, sort_items

__all__ = ["HANDLERS", "find_project", "find_space"]

PROJECT_STATUSES = frozenset({"NOT_STARTED", "IN_PROGRESS", "ON_HOLD", "COMPLETED", "CANCELLED"})
PROJECT_HEALTH = frozenset({"ON_TRACK", "AT_RISK", "OFF_TRACK"})

_PROJECT_SORT = {
    "projectId": lambda p: p.project_id,
    "projectName": lambda p: p.name.casefold(),
    "status": lambda p: p.status,
    "priority": lambda p: p.priority,
    "startDate": lambda p: p.start_date,
    "endDate": lambda p: p.end_date,
    "budget": lambda p: p.budget,
    "createTime": lambda p: (p.create_time, p.project_id),
    "updateTime": lambda p: (p.update_time, p.project_id),
}


def find_space(call: Call) -> Space:
    """The space of the ``spaceId`` path parameter, or 404."""
    space = call.org.spaces.get(call.params["spaceId"])
    if space is None:
        raise not_found("Space", call.params["spaceId"])
    return space


def find_project(call: Call) -> Project:
    """The project of ``spaceId``/``projectId``; a project of another space is a 404."""
    space = find_space(call)
    project = call.org.projects.get(call.params["projectId"])
    if project is None or project.space_id != space.space_id:
        raise not_found("Project", call.params["projectId"])
    return project


# --------------------------------------------------------------------------- spaces


def list_spaces(call: Call) -> list[dict[str, Any]]:
    return [space_dto(call.store, call.org, s) for s in call.org.spaces.values()]


def _space_fields(reader: BodyReader, *, creating: bool) -> dict[str, Any]:
    fields = {
        "name": reader.text("spaceName", required=creating, not_blank=True),
        "description": reader.text("description"),
        "color": reader.text("color"),
        "is_private": reader.boolean("isPrivate"),
    }
    reader.check()
    # An update's null clears what the spec marks nullable (openapi/overrides.yaml).
    cleared = {"description"} if not creating and reader.cleared("description") else set()
    return {key: value for key, value in fields.items() if value is not None or key in cleared}


def create_space(call: Call) -> dict[str, Any]:
    fields = _space_fields(call.reader(), creating=True)
    space = Space(
        space_id=call.store.next_id("space"),
        name=fields["name"],
        description=fields.get("description"),
        color=fields.get("color"),
        is_private=fields.get("is_private", False),
        created_by=call.user.user_id,
        create_time=call.now,
        update_time=call.now,
    )
    call.org.spaces[space.space_id] = space
    return space_dto(call.store, call.org, space)


def get_space(call: Call) -> dict[str, Any]:
    return space_dto(call.store, call.org, find_space(call))


def update_space(call: Call) -> dict[str, Any]:
    space = find_space(call)
    for name, value in _space_fields(call.reader(), creating=False).items():
        setattr(space, name, value)
    space.update_time = call.now
    return space_dto(call.store, call.org, space)


def delete_space(call: Call) -> None:
    call.org.delete_space(find_space(call).space_id)


# --------------------------------------------------------------------------- projects


def list_projects(call: Call) -> dict[str, Any]:
    space = find_space(call)
    query = call.query_reader()
    page, size = query.paging()
    query.check()
    projects = [p for p in call.org.projects.values() if p.space_id == space.space_id]
    projects = sort_items(projects, query.sort_orders(), _PROJECT_SORT)
    return page_response(projects, page, size, lambda p: project_dto(call.store, call.org, p))


def _project_fields(call: Call, project: Project | None) -> dict[str, Any]:
    reader = call.reader()
    fields: dict[str, Any] = {
        "name": reader.text("projectName", required=project is None, not_blank=True),
        "description": reader.text("description"),
        "status": reader.choice("status", PROJECT_STATUSES),
        "priority": reader.text("priority"),
        "health": reader.choice("health", PROJECT_HEALTH),
        "start_date": reader.instant("startDate"),
        "end_date": reader.instant("endDate"),
        "budget": reader.number("budget", minimum=0),
        "currency": reader.text("currency"),
        "member_ids": reader.int_list("memberIds"),
    }
    unknown = [uid for uid in fields["member_ids"] or [] if uid not in call.store.users]
    if unknown:
        reader.fail("memberIds", f"unknown user id(s): {unknown}", fields["member_ids"])
    start = fields["start_date"] or (project.start_date if project else None)
    end = fields["end_date"] or (project.end_date if project else None)
    if start is not None and end is not None and end < start:
        reader.fail("endDate", "must not be before startDate", call.body.get("endDate"))
    reader.check()
    cleared = set()
    if project is not None:
        for wire, name in (
            ("description", "description"),
            ("startDate", "start_date"),
            ("endDate", "end_date"),
        ):
            if reader.cleared(wire):
                cleared.add(name)
    return {key: value for key, value in fields.items() if value is not None or key in cleared}


def create_project(call: Call) -> dict[str, Any]:
    space = find_space(call)
    fields = _project_fields(call, None)
    project = Project(
        project_id=call.store.next_id("project"),
        space_id=space.space_id,
        name=fields["name"],
        description=fields.get("description"),
        status=fields.get("status", "NOT_STARTED"),
        priority=fields.get("priority"),
        health=fields.get("health", "ON_TRACK"),
        start_date=fields.get("start_date"),
        end_date=fields.get("end_date"),
        budget=fields.get("budget"),
        currency=fields.get("currency"),
        member_ids=fields.get("member_ids", []),
        created_by=call.user.user_id,
        modified_by=call.user.user_id,
        create_time=call.now,
        update_time=call.now,
    )
    call.org.projects[project.project_id] = project
    return project_dto(call.store, call.org, project)


def get_project(call: Call) -> dict[str, Any]:
    return project_dto(call.store, call.org, find_project(call))


def update_project(call: Call) -> dict[str, Any]:
    project = find_project(call)
    for name, value in _project_fields(call, project).items():
        setattr(project, name, value)
    project.modified_by = call.user.user_id
    project.update_time = call.now
    return project_dto(call.store, call.org, project)


def delete_project(call: Call) -> None:
    call.org.delete_project(find_project(call).project_id)


HANDLERS: dict[str, Handler] = {
    "list_spaces": list_spaces,
    "create_space": create_space,
    "get_space": get_space,
    "update_space": update_space,
    "delete_space": delete_space,
    "list_projects": list_projects,
    "create_project": create_project,
    "get_project": get_project,
    "update_project": update_project,
    "delete_project": delete_project,
}

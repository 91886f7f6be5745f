-- The lists are paged by keyset (docs/architecture.md, "Paged lists"): each order ends in what makes a row unique, so
-- an index on the whole order answers "the next page after this row" without reading the rows before it.
-- GET /api/projects: newest first, projects created at the same instant kept apart by id.
drop index board_project_created_at;
create index board_project_created_at on board_project (created_at, project_id);
-- GET /api/escalations: oldest first, with and without a status, entries of the same instant kept apart by
-- what names an escalation (project, task, attempts), which a replay keeps.
drop index board_escalation_status;
create index board_escalation_status on board_escalation (status, escalated_at, project_id, task_key, attempts);
create index board_escalation_escalated_at on board_escalation (escalated_at, project_id, task_key, attempts);

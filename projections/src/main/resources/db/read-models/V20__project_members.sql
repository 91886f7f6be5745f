-- Who belongs to which project, as the task-board projection sees it: the read side's view of access.
create table board_member (
    project_id uuid        not null references board_project (project_id),
    username   text        not null,
    role       varchar(16) not null,
    primary key (project_id, username)
);

create index board_member_username on board_member (username);

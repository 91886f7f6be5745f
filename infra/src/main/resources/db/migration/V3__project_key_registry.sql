-- Project keys in use, lower-cased: the command side's lookup table for the rule that project keys are unique
-- across projects, case-insensitively. Filled in the creating command's own transaction.
create table project_key_registry
(
    key_lower  varchar(64) primary key,
    project_id uuid not null
);

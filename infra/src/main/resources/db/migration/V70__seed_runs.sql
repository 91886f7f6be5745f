-- Seeds applied at start (taskledger.seed, docs/deployment.md): a seed is applied once per database, whatever later
-- starts say. The row is claimed before the seed's first command and finished after its last, so two nodes starting
-- together do not both seed, and a seed that failed half-way is reported instead of being repeated over its own data.
create table seed_run (
    seed        text        primary key,
    started_at  timestamptz not null,
    finished_at timestamptz,
    project_id  uuid
);

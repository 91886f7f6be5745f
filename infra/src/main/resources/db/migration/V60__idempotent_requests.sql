-- POST requests sent with an Idempotency-Key (infra/idempotency): per account and key, the fingerprint of the first
-- request (SHA-256 of method, path and body without passwords) and, once answered, its answer. Kept 24 hours.
create table idempotent_request (
    account         text        not null,
    idempotency_key text        not null,
    fingerprint     bytea       not null,
    created_at      timestamptz not null,
    status          integer,
    content_type    text,
    etag            text,
    location        text,
    body            bytea,
    primary key (account, idempotency_key)
);

create index idempotent_request_created_at on idempotent_request (created_at);

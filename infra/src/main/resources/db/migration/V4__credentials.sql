-- Each account's password hash (BCrypt), with its current global role and whether it is enabled: what
-- authentication reads on login and on every request. Written by the command side's AccountService in the same
-- transaction as the account's command, so it always agrees with the account's events. Hashes never leave this
-- table: not into events, logs or responses.
create table credentials
(
    username      varchar(64) primary key,
    password_hash varchar(100) not null,
    role          varchar(16)  not null,
    enabled       boolean      not null,
    changed_at    timestamp(6) with time zone not null
);

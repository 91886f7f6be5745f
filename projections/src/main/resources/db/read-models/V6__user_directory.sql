-- Read model of the "user-directory" processing group (module projections). A replay rebuilds it from the account
-- events, which hold no secret.
create table user_directory
(
    username      varchar(64) primary key,
    display_name  text                        not null,
    kind          varchar(16)                 not null,
    role          varchar(16)                 not null,
    enabled       boolean                     not null,
    registered_at timestamp(6) with time zone not null,
    -- sequence number of the account's last event applied here; events at or below it are skipped
    version       bigint                      not null
);

-- The server nodes running over this database, each refreshing its row every second while it runs (ClusterNodes):
-- how many nodes share the event processors' segments, and what each runs (its roles). A node stopped gracefully
-- deletes its row; a dead node's row stays, counted as gone once last_seen is older than a few seconds, and is
-- deleted by the next node to start after an hour. node_id is the same name the node's token claims carry
-- (token_entry.owner): the JVM's pid@host.
CREATE TABLE cluster_node (
    node_id    VARCHAR(255) NOT NULL PRIMARY KEY,
    roles      VARCHAR(255) NOT NULL,
    started_at TIMESTAMPTZ  NOT NULL DEFAULT now(),
    last_seen  TIMESTAMPTZ  NOT NULL DEFAULT now()
);

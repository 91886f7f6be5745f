-- The latest rebuild of each read model, for the whole cluster (ClusterRebuildClaims): the node running it claims the
-- row, so a rebuild started on any node runs once, and every node reports its progress. A claim whose node is no
-- longer live (cluster_node) is void: a rebuild whose node died can be started again, from the beginning.
CREATE TABLE projection_rebuild (
    projection VARCHAR(255) NOT NULL PRIMARY KEY,
    node_id    VARCHAR(255) NOT NULL,
    running    BOOLEAN      NOT NULL,
    done       INTEGER      NOT NULL,
    total      INTEGER      NOT NULL,
    failure    TEXT,
    updated_at TIMESTAMPTZ  NOT NULL DEFAULT now()
);

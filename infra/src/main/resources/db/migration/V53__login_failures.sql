-- Failed logins per account ('account:<username>') and per client address ('address:<ip>'), counted for the whole
-- cluster (LoginThrottle): the window ends at window_end, counted from its first failure. Ended windows are deleted
-- by the next failed login.
CREATE TABLE login_failure (
    throttle_key VARCHAR(512) NOT NULL PRIMARY KEY,
    window_end   TIMESTAMPTZ  NOT NULL,
    failures     INTEGER      NOT NULL
);
CREATE INDEX login_failure_window_end ON login_failure (window_end);

-- Several server nodes share one event store: a command (or a deadline) on an aggregate first takes the aggregate's
-- turn for the cluster, in its own transaction, and learns the sequence number of the aggregate's last stored event,
-- so that a node whose cached aggregate is older (another node moved it on) reloads it before deciding.
-- One round trip: the advisory lock is a transaction lock (released at commit or rollback, also when a node dies and
-- its connection closes), and the SELECT after it runs with a new snapshot (a VOLATILE function in READ COMMITTED),
-- so it sees the events of the turn before. The key space 'TLAG' keeps these locks apart from any other advisory
-- lock (Flyway's among them). wait_ms bounds the wait (lock_timeout, restored afterwards for the transaction).
CREATE FUNCTION taskledger_take_aggregate_turn(aggregate text, wait_ms integer) RETURNS bigint
    LANGUAGE plpgsql VOLATILE AS
$$
DECLARE
    previous_lock_timeout text := current_setting('lock_timeout');
BEGIN
    PERFORM set_config('lock_timeout', wait_ms || 'ms', true);
    PERFORM pg_advisory_xact_lock(1414283591, hashtext(aggregate));
    PERFORM set_config('lock_timeout', previous_lock_timeout, true);
    RETURN (SELECT max(sequence_number) FROM domain_event_entry WHERE aggregate_identifier = aggregate);
END
$$;

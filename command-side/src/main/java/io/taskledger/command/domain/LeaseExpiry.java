package io.taskledger.command.domain;

import io.taskledger.api.ids.TaskKey;

/** Payload of the deadline that ends attempt {@code attempt} of a task when its lease runs out (rule 6). */
public record LeaseExpiry(TaskKey taskKey, int attempt) {
}

package io.taskledger.api.access;

/** A person, or an AI agent whose username is its handle (e.g. {@code @coding-agent}). */
public enum AccountKind {
    HUMAN, AGENT
}

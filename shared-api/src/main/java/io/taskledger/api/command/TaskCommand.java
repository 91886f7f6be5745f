package io.taskledger.api.command;

import io.taskledger.api.ids.TaskKey;

/** A command addressed to one task of a project. */
public interface TaskCommand extends ProjectCommand {

    TaskKey taskKey();
}

package io.taskledger.api.command;

import io.taskledger.api.ids.TaskKey;

/** A command addressed to one task of a project. */
public sealed interface TaskCommand extends ProjectCommand permits
        AddPrerequisiteCommand, AssignTaskCommand, CancelTaskCommand, RemovePrerequisiteCommand,
        ReportAttemptCommand, ResolveEscalationCommand, StartTaskCommand {

    TaskKey taskKey();
}

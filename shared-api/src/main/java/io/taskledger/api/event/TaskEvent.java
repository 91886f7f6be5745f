package io.taskledger.api.event;

import io.taskledger.api.ids.TaskKey;

/** An event about one task of a project. */
public sealed interface TaskEvent extends ProjectEvent permits
        AttemptFailed, AttemptSucceeded, ContainerStarted, EscalationResolved, PrerequisiteAdded,
        PrerequisiteRemoved, TaskAssigned, TaskBecamePending, TaskBecameReady, TaskCancelled, TaskEscalated,
        TaskFailed, TaskStarted, TaskSucceeded {

    TaskKey taskKey();
}

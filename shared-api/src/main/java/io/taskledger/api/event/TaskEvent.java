package io.taskledger.api.event;

import io.taskledger.api.ids.TaskKey;

/** An event about one task of a project. */
public interface TaskEvent extends ProjectEvent {

    TaskKey taskKey();
}

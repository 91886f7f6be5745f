package io.taskledger.query.api;

import io.taskledger.api.access.Caller;
import io.taskledger.api.query.AgentWorkload;
import io.taskledger.api.query.AgentWorkloadList;
import io.taskledger.api.query.FindAgentWorkloadsQuery;
import io.taskledger.api.query.FindNextTaskQuery;
import io.taskledger.api.query.ReadModel;
import io.taskledger.api.query.TaskRow;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** What agents have on their plate and what each should take next. */
@RestController
@ReadsFrom(ReadModel.TASK_BOARD)
@RequestMapping("/api/agents")
public class AgentQueryController {

    private final BoardQueries queries;

    public AgentQueryController(BoardQueries queries) {
        this.queries = queries;
    }

    /** By agent name, over projects not archived; one page ({@link PagedLists}), whose cursor is the last name. */
    @GetMapping
    public ResponseEntity<List<AgentWorkload>> workloads(
            @RequestParam(name = "after", required = false) String after,
            @RequestParam(name = "limit", required = false) String limit,
            Caller caller) {
        AgentWorkloadList page = queries.ask(new FindAgentWorkloadsQuery(caller, PagedLists.request(after, limit)),
                AgentWorkloadList.class);
        return PagedLists.page(page.agents(), page.page());
    }

    /** 204 when nothing is ready for the agent in the projects the caller may see. */
    @GetMapping("/{agent}/next-task")
    public ResponseEntity<TaskRow> nextTask(@PathVariable("agent") String agent, Caller caller) {
        return queries.askOptional(new FindNextTaskQuery(agent, caller), TaskRow.class)
                .map(ResponseEntity::ok)
                .orElseGet(() -> ResponseEntity.noContent().build());
    }
}

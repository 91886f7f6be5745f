package io.taskledger.query.api;

import io.taskledger.api.access.Caller;
import io.taskledger.api.query.EscalationList;
import io.taskledger.api.query.EscalationView;
import io.taskledger.api.query.FindEscalationsQuery;
import io.taskledger.api.query.ReadModel;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** The escalation inbox. */
@RestController
@ReadsFrom(ReadModel.TASK_BOARD)
@RequestMapping("/api/escalations")
public class EscalationQueryController {

    /** The statuses of {@link EscalationView}, as a request may filter on them. */
    private enum EscalationStatus {
        OPEN, RESOLVED
    }

    private final BoardQueries queries;

    public EscalationQueryController(BoardQueries queries) {
        this.queries = queries;
    }

    /**
     * Oldest first, in the projects the caller may see; every escalation when no status is given; one page
     * ({@link PagedLists}), whose cursor names the last escalation ({@code projectId/taskKey/attempts}).
     */
    @GetMapping
    public ResponseEntity<List<EscalationView>> escalations(
            @RequestParam(name = "status", required = false) String status,
            @RequestParam(name = "after", required = false) String after,
            @RequestParam(name = "limit", required = false) String limit,
            Caller caller) {
        EscalationStatus filter = RequestValues.optionalEnum("status", status, EscalationStatus.class);
        EscalationList page = queries.ask(new FindEscalationsQuery(filter == null ? null : filter.name(), caller,
                PagedLists.request(after, limit)), EscalationList.class);
        return PagedLists.page(page.escalations(), page.page());
    }
}

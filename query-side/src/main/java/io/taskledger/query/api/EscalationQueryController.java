package io.taskledger.query.api;

import io.taskledger.api.access.Caller;
import io.taskledger.api.query.EscalationList;
import io.taskledger.api.query.EscalationView;
import io.taskledger.api.query.FindEscalationsQuery;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** The escalation inbox. */
@RestController
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

    /** Oldest first, in the projects the caller may see; every escalation when no status is given. */
    @GetMapping
    public List<EscalationView> escalations(@RequestParam(name = "status", required = false) String status,
                                            Caller caller) {
        EscalationStatus filter = RequestValues.optionalEnum("status", status, EscalationStatus.class);
        return queries.ask(new FindEscalationsQuery(filter == null ? null : filter.name(), caller),
                EscalationList.class).escalations();
    }
}

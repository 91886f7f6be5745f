package io.taskledger.infra.cluster;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Spreads every tracking processor's segments over the live nodes that run projections. Axon's tracking processors
 * share segments through their token claims in PostgreSQL, but a node claims every segment it has a thread for: the
 * first node up would keep them all. After each heartbeat, a node holding more than its share (segments divided by
 * live projection nodes, rounded up) releases the surplus for a few seconds, and another node's idle thread claims it.
 * When a node dies, its claims time out (5 s, {@code axon.eventhandling.tokenstore.claim-timeout}) and the others'
 * idle threads, which try every second ({@code token-claim-interval}), take them over. Claims stay the only guard: a
 * wrong count here only balances worse, it never lets two nodes process one segment.
 */
@Component
public class SegmentBalancer implements ClusterNodes.Heartbeat {

    /** Long enough for another node to claim a released segment (its idle threads try every second). */
    static final Duration RELEASE_FOR = Duration.ofSeconds(3);

    private static final Logger log = LoggerFactory.getLogger(SegmentBalancer.class);

    private final EventProcessingConfiguration processing;
    private final TokenStore tokens;

    public SegmentBalancer(EventProcessingConfiguration processing, TokenStore tokens, ClusterNodes nodes) {
        this.processing = processing;
        this.tokens = tokens;
        nodes.onHeartbeat(this);
    }

    @Override
    public void afterHeartbeat(ClusterNodes nodes) {
        int liveNodes = nodes.liveNodesWith(NodeRole.PROJECTIONS);
        if (liveNodes <= 1) {
            return;
        }
        processing.eventProcessors().values().stream()
                .filter(TrackingEventProcessor.class::isInstance)
                .map(TrackingEventProcessor.class::cast)
                .filter(TrackingEventProcessor::isRunning)
                .forEach(processor -> balance(processor, liveNodes));
    }

    private void balance(TrackingEventProcessor processor, int liveNodes) {
        int segments = tokens.fetchSegments(processor.getName()).length;
        int share = (segments + liveNodes - 1) / liveNodes;
        Map<Integer, EventTrackerStatus> held = processor.processingStatus();
        int surplus = held.size() - share;
        if (surplus <= 0) {
            return;
        }
        List<Integer> ids = new ArrayList<>(held.keySet());
        ids.sort(null);
        List<Integer> released = ids.subList(ids.size() - surplus, ids.size());
        released.forEach(segment -> processor.releaseSegment(segment, RELEASE_FOR.toMillis(), TimeUnit.MILLISECONDS));
        log.info("{} holds {} of {} segments with {} live nodes: released {}", processor.getName(), held.size(),
                segments, liveNodes, released);
    }
}

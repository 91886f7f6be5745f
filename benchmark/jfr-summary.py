#!/usr/bin/env python3
"""Groups a server recording's CPU samples by what the server was doing, for docs/benchmarks.md.

Usage: jfr print --stack-depth 96 --events jdk.ExecutionSample server.jfr > samples.txt
       python3 benchmark/jfr-summary.py samples.txt
Each sample goes to the first group (in the order below) that one of its frames belongs to.
"""
import collections
import re
import sys

GROUPS = [
    ('startup', 'org.springframework.boot.SpringApplication.run'),
    ('startup', 'org.springframework.context.support.AbstractApplicationContext.refresh'),
    ('task-board projection: handling events (JPA writes)', 'io.taskledger.projections.board.TaskBoardProjection'),
    ('task-board projection: reading events', 'org.axonframework.eventhandling.pooled'),
    ('command: snapshotting', 'org.axonframework.eventsourcing.AbstractSnapshotter'),
    ('command: loading the aggregate', 'org.axonframework.eventsourcing.EventSourcingRepository'),
    ('command: loading the aggregate', 'org.axonframework.eventsourcing.EventStreamUtils'),
    ('command: loading the aggregate', 'org.axonframework.modelling.command.AbstractRepository.load'),
    ('command: deciding and applying', 'io.taskledger.command.domain'),
    ('command: appending events', 'org.axonframework.eventsourcing.eventstore.jdbc'),
    ('query: board reads (JPA and mapping)', 'io.taskledger.projections.board.TaskBoardQueries'),
    ('query: read gate', 'io.taskledger.query.api.ProjectReadGate'),
    ('query: query bus', 'org.axonframework.queryhandling'),
    ('Axon unit-of-work time-outs', 'org.axonframework.messaging.timeout'),
    ('command: bus and unit of work', 'org.axonframework.commandhandling'),
    ('HTTP: Tomcat, Spring MVC, JSON', 'org.springframework.web'),
    ('HTTP: Tomcat, Spring MVC, JSON', 'org.apache.catalina'),
    ('HTTP: Tomcat, Spring MVC, JSON', 'org.apache.tomcat'),
    ('HTTP: Tomcat, Spring MVC, JSON', 'org.apache.coyote'),
    ('deadline scheduler', 'com.github.kagkarlsson'),
    ('JDK, JIT, GC and other', 'java.'),
    ('JDK, JIT, GC and other', 'jdk.'),
]

counts = collections.Counter()
samples = 0
for event in open(sys.argv[1]).read().split('jdk.ExecutionSample')[1:]:
    frames = re.findall(r'^\s+([\w.$<>]+)\(', event, re.M)
    if not frames:
        continue
    samples += 1
    group = next((name for name, prefix in GROUPS if any(f.startswith(prefix) for f in frames)), 'other')
    counts[group] += 1
print(f'{samples} samples')
for group, count in counts.most_common():
    print(f'{count * 100 / samples:5.1f} %  {group}')

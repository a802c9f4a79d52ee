package org.contactpipeline.chaos;

import java.util.List;
import java.util.Map;

/**
 * What the invariant checks found after a run: each count must be zero (the services map empty) for
 * the run to pass; {@code goldenRecords} and {@code resultsSeen} say how much was checked, and
 * {@code examples} shows the first violations found, for the report.
 */
record Findings(
    int lost,
    int duplicated,
    int keysWithTwoIds,
    int idsSharedByKeys,
    int rowsDiffering,
    int versionsGoingBack,
    int inconsistentAnswers,
    int unclearErrors,
    int goldenRecords,
    int resultsSeen,
    Map<String, String> servicesNotRunning,
    List<String> examples) {}

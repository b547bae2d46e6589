package io.confidencegateway.insight;

import java.util.List;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * Does "high confidence" deserve the name? Observed accuracy per confidence bucket of a product's answers.
 *
 * @param buckets ten buckets, 0.0–0.1 … 0.9–1.0 (lower bound inclusive; 1.0 falls in the last)
 * @param judged answers with a verdict, over all buckets
 * @param expectedCalibrationError the judged-answer-weighted mean gap between accuracy and mean confidence over
 *        the buckets, 0 perfectly calibrated; null when nothing was judged
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ReliabilityTable(List<Bucket> buckets, long answers, long judged, Double expectedCalibrationError) {

    /**
     * @param count answers whose confidence falls in the bucket
     * @param judged those with a verdict (rated or reviewed)
     * @param correct those judged correct
     * @param accuracy correct / judged, null when none was judged
     * @param meanConfidence mean confidence of the judged answers (what accuracy is compared with), null when none
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Bucket(double lower, double upper, long count, long judged, long correct, Double accuracy,
            Double meanConfidence) {
    }
}

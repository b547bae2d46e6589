package io.confidencegateway.confidence.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import io.confidencegateway.confidence.ConfidenceModel;
import io.confidencegateway.confidence.ConfidenceScorer;
import io.confidencegateway.chat.Passage;
import io.confidencegateway.confidence.ScoringContext;
import io.confidencegateway.confidence.SignalCatalog;
import io.confidencegateway.confidence.Thresholds;

/**
 * Latency of scoring one ~150-word answer against 5 passages of ~120 words, end to end (analysis, every signal,
 * the model), single-threaded. Run with {@code bench/latency.sh} (pins the JVM to one core when taskset exists).
 */
public final class ScoringBenchmark {

    private static final String[] PASSAGES = {
        "Customers can return any unused item within 30 days of purchase for a full refund. Refunds are paid to the "
            + "original card within 5 business days. Opened software cannot be returned. Items bought in a sale "
            + "can be exchanged but not refunded. Gift cards are not refundable. To start a return, sign in to your "
            + "account, open the order and choose Return item. Print the label and drop the parcel at any Northwind "
            + "Express point. We inspect returned items within 2 days of arrival.",
        "Standard shipping costs $4.99 and takes 3 to 5 days. Orders over $1,200 ship free with Northwind Express. "
            + "Express shipping costs $14.99 and arrives the next business day when ordered before 2 pm. Shipping to "
            + "Canada is not available. Parcels above 30 kg are delivered by a freight partner, who calls ahead to "
            + "book a time slot. Tracking numbers are emailed once the parcel leaves the warehouse in Leeds.",
        "Every laptop carries a two-year warranty from Contoso. The warranty covers defects but does not cover "
            + "accidental damage. Battery capacity below 80% counts as a defect. Claims need the serial number and "
            + "proof of purchase. Repairs take 10 working days on average. If a repair fails twice, Contoso replaces "
            + "the laptop with the same or a better model. Extended cover for a third year costs $89.",
        "Members of the Plus programme pay $9.99 a month or $99 a year. Plus includes free express shipping, early "
            + "access to sales and a 5% discount on accessories. Members can cancel at any time; a yearly plan is "
            + "refunded pro rata for unused full months. The discount does not combine with other vouchers. Plus "
            + "launched in March 2024 and had 120,000 members by the end of that year.",
        "Our support team answers chats from 8 am to 8 pm on weekdays and from 10 am to 4 pm on Saturdays. Phone "
            + "support is available in English, French and German. Average waiting time in 2025 was 3 minutes. "
            + "Complaints that support cannot solve go to the customer relations office in Manchester, which "
            + "replies in writing within 14 days. Customers may also contact the ombudsman after 8 weeks."};

    private static final String ANSWER = "You can return an unused item within 30 days of purchase and get a full "
            + "refund [1]. The money goes back to your original card within 5 business days [1]. Opened software "
            + "cannot be returned, and items bought in a sale can only be exchanged [1]. To start, open the order "
            + "in your account, choose Return item, print the label and drop the parcel at a Northwind Express "
            + "point [1]. Standard shipping costs $4.99, while orders over $1,200 ship free [2]. If your laptop has "
            + "a defect, the two-year Contoso warranty covers it, including a battery below 80 percent capacity [3]. "
            + "Extended cover for a third year costs $89 [3]. Express shipping costs $14.99 and arrives the next "
            + "business day [2]. "
            + "Plus members also get free express shipping and a 5% discount on accessories [4]. If anything goes "
            + "wrong, our support team answers chats from 8 am to 8 pm on weekdays [5].";

    private ScoringBenchmark() {
    }

    public static void main(String[] args) {
        int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 3000;
        List<Passage> passages = new ArrayList<>();
        for (int i = 0; i < PASSAGES.length; i++) {
            passages.add(Passage.of(i + 1, PASSAGES[i]));
        }
        String question = "How do I return a laptop and when do I get my money back?";
        ConfidenceScorer scorer = ConfidenceScorer.serving(ConfidenceModel.shipped(), SignalCatalog.discover());
        double sink = 0;
        for (int i = 0; i < iterations; i++) {
            sink += scorer.score(ScoringContext.of(question, passages, ANSWER, null), Thresholds.DEFAULT).confidence();
        }
        long[] nanos = new long[iterations];
        long[] cpu = new long[iterations];
        // CPU time of this thread as well as wall time: on a shared machine the wall clock also measures the
        // other processes' turns on the core.
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        for (int i = 0; i < iterations; i++) {
            long start = System.nanoTime();
            long startCpu = threads.getCurrentThreadCpuTime();
            sink += scorer.score(ScoringContext.of(question, passages, ANSWER, null), Thresholds.DEFAULT).confidence();
            cpu[i] = threads.getCurrentThreadCpuTime() - startCpu;
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        Arrays.sort(cpu);
        System.out.printf(Locale.ROOT, "CPU time per answer: p50 %.3f ms, p90 %.3f ms, p99 %.3f ms%n",
                cpu[iterations / 2] / 1e6, cpu[(int) (iterations * 0.9)] / 1e6, cpu[(int) (iterations * 0.99)] / 1e6);
        System.out.printf(Locale.ROOT, "answer %d words, %d passages; %d runs after %d warm-up: p50 %.3f ms, "
                + "p90 %.3f ms, p99 %.3f ms (checksum %.1f)%n", ANSWER.split("\\s+").length, passages.size(),
                iterations, iterations, nanos[iterations / 2] / 1e6, nanos[(int) (iterations * 0.9)] / 1e6,
                nanos[(int) (iterations * 0.99)] / 1e6, sink);
        System.out.println(scorer.score(ScoringContext.of(question, passages, ANSWER, null), Thresholds.DEFAULT));
    }
}

package io.confidencegateway.confidence.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

class CrossValidationTest {

    @Test
    void noGroupFallsIntoTwoFolds() {
        List<String> groups = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            groups.add("source-" + (i / 4));
        }
        int[] fold = CrossValidation.folds(groups, 5);
        Map<String, Set<Integer>> foldsOf = new HashMap<>();
        for (int i = 0; i < fold.length; i++) {
            foldsOf.computeIfAbsent(groups.get(i), g -> new HashSet<>()).add(fold[i]);
        }
        assertThat(foldsOf.values()).allSatisfy(f -> assertThat(f).hasSize(1));
        Set<Integer> used = new HashSet<>();
        for (int f : fold) {
            used.add(f);
        }
        assertThat(used).containsExactlyInAnyOrder(0, 1, 2, 3, 4);
    }

    @Test
    void fewGroupsAreLeftOutOneAtATime() {
        int[] fold = CrossValidation.folds(List.of("news", "podcast", "news", "samsum"), 5);
        assertThat(fold).containsExactly(0, 1, 0, 2);
    }
}

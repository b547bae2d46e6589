package io.confidencegateway.provider;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import io.confidencegateway.provider.ResidencyPolicy.Placement;

class ResidencyPolicyTest {

    private static final Placement US = new Placement("openai-us", "US", false);
    private static final Placement EU = new Placement("mistral-eu", "eu", false);
    private static final Placement NOWHERE = new Placement("ollama", null, false);
    private static final Placement LOCAL = new Placement("extractive", null, true);

    @ParameterizedTest(name = "residency [{0}], provider region [{1}], local {2} -> {3}")
    @CsvSource(nullValues = "null", value = {
            // No residency: any provider, with or without a region.
            "null, US, false, true",
            "null, null, false, true",
            "'  ', null, false, true",
            // A residency: only the same region, whatever the case and spacing.
            "EU, EU, false, true",
            "eu, EU, false, true",
            "' EU ', eu, false, true",
            "EU, US, false, false",
            "EU, EUR, false, false",
            "EU, null, false, false",
            // Inside the gateway: local to every region.
            "EU, null, true, true",
            "EU, US, true, true"})
    void aProviderMayServeOnlyTheResidencyOfItsRegionUnlessItRunsInsideTheGateway(String residency, String region,
            boolean local, boolean allowed) {
        assertThat(ResidencyPolicy.allows(residency, new Placement("p", region, local))).isEqualTo(allowed);
    }

    @Test
    void regionsAreTrimmedAndUpperCasedAndBlankMeansNone() {
        assertThat(ResidencyPolicy.normalise(" eu ")).isEqualTo("EU");
        assertThat(ResidencyPolicy.normalise("Us")).isEqualTo("US");
        assertThat(ResidencyPolicy.normalise("")).isNull();
        assertThat(ResidencyPolicy.normalise("   ")).isNull();
        assertThat(ResidencyPolicy.normalise(null)).isNull();
        assertThat(EU.region()).isEqualTo("EU");
    }

    @Test
    void aRouteWithNoProviderInTheResidencyIsUnservableAndTheReasonNamesEachProviderAndItsRegion() {
        assertThat(ResidencyPolicy.unservable("eu", "support-fast", List.of(US, NOWHERE)))
                .contains("data_residency EU: model route 'support-fast' has providers openai-us (US), ollama (no "
                        + "region); add an EU provider or choose another route (a provider's region is "
                        + "gateway.providers.<name>.region)");
        assertThat(ResidencyPolicy.unservable("US", "eu-only", List.of(EU)))
                .contains("data_residency US: model route 'eu-only' has provider mistral-eu (EU); add a US provider "
                        + "or choose another route (a provider's region is gateway.providers.<name>.region)");
    }

    @Test
    void oneProviderInTheRegionAnywhereOnTheRouteOrInsideTheGatewayMakesItServable() {
        assertThat(ResidencyPolicy.unservable("EU", "mixed", List.of(US, EU))).isEmpty();
        assertThat(ResidencyPolicy.unservable("EU", "mixed", List.of(US, NOWHERE, EU))).isEmpty();
        assertThat(ResidencyPolicy.unservable("EU", "with-extractive", List.of(US, LOCAL))).isEmpty();
    }

    @Test
    void withoutAResidencyOrWithoutAnyProviderThereIsNothingToRefuse() {
        assertThat(ResidencyPolicy.unservable(null, "us", List.of(US))).isEmpty();
        assertThat(ResidencyPolicy.unservable(" ", "us", List.of(US))).isEmpty();
        // An unknown model has no providers; it is refused as unknown, not for its region.
        assertThat(ResidencyPolicy.unservable("EU", "nope", List.of())).isEmpty();
    }

    @Test
    void theRouterSaysWhereASkippedProviderIsAndWhereTheDataMustStay() {
        assertThat(ResidencyPolicy.outside("eu", US))
                .isEqualTo("it is in region US, outside the product's data_residency EU");
        assertThat(ResidencyPolicy.outside("EU", NOWHERE))
                .isEqualTo("it is in no declared region, outside the product's data_residency EU");
    }

    @ParameterizedTest(name = "residency [{0}], service region [{1}] -> [{2}]")
    @CsvSource(nullValues = "null", delimiter = '|', quoteCharacter = '"', value = {
            // No residency: the service is called wherever it is, or with no region at all.
            "null | US | null",
            "\"  \" | null | null",
            // The product's region, whatever the case and spacing.
            "EU | EU | null",
            "\" eu \" | Eu | null",
            // Another region, a longer name sharing its letters, or none: barred, in words.
            "eu | US | the entailment service is in US, outside the product's data_residency EU",
            "EU | EUR | the entailment service is in EUR, outside the product's data_residency EU",
            "EU | null | the entailment service is in no declared region, outside the product's data_residency EU",
            "EU | \"  \" | the entailment service is in no declared region, outside the product's data_residency EU"})
    void aServiceOutsideTheRouterIsBarredFromAResidencyItIsNotInAndTheReasonSaysWhere(String residency,
            String region, String reason) {
        assertThat(ResidencyPolicy.barred("entailment service", residency, region))
                .isEqualTo(java.util.Optional.ofNullable(reason));
    }

    @Test
    void aPlacementShowsItsRegionLocalOrNoRegion() {
        assertThat(US.shown()).isEqualTo("US");
        assertThat(LOCAL.shown()).isEqualTo("local");
        assertThat(new Placement("x", "EU", true).shown()).isEqualTo("local");
        assertThat(NOWHERE.shown()).isEqualTo("no region");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"EU, an", "US, a", "UK, a", "DE, a", "FR, an", "SG, an", "APAC, an", "CANADA, a", "ONTARIO, an"})
    void theArticleFollowsHowTheRegionIsRead(String region, String article) {
        assertThat(ResidencyPolicy.article(region)).isEqualTo(article);
    }
}

package io.confidencegateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ErrorSurfaceTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "/v1/chat/completions, true",
            "/v1/chat/completions/, true",
            "/v1/models, true",
            "/v1/models/gpt-4o, true",
            "/v1/models?x=1, true",
            "/v1/modelsx, false",
            "/v1/chat/completionsx, false",
            "/v1/chat, false",
            "/v1/answers, false",
            "/v1/products/models, false",
            "'', false"})
    void onlyTheOpenAiPathsAnswerInOpenAisShape(String path, boolean openAi) {
        assertThat(ErrorSurface.isOpenAi(path)).isEqualTo(openAi);
    }

    @org.junit.jupiter.api.Test
    void noPathIsNotTheOpenAiSurface() {
        assertThat(ErrorSurface.isOpenAi(null)).isFalse();
    }
}

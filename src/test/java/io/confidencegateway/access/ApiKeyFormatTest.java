package io.confidencegateway.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class ApiKeyFormatTest {

    @Test
    void aKeyIsThePrefixAnd192RandomBitsInUrlSafeBase64() {
        String key = ApiKeyFormat.generate();

        assertThat(key).startsWith("cg_").hasSize(3 + 32).matches("cg_[A-Za-z0-9_-]{32}");
        assertThat(Base64.getUrlDecoder().decode(key.substring(3))).hasSize(24);
    }

    @Test
    void keysDoNotRepeat() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            seen.add(ApiKeyFormat.generate());
        }
        assertThat(seen).hasSize(1000);
    }

    @Test
    void theHashIsTheHexSha256() {
        assertThat(ApiKeyFormat.hash("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void onlyTheFirstTenCharactersAreShown() {
        assertThat(ApiKeyFormat.visible("cg_0123456789abcdef")).isEqualTo("cg_0123456");
        assertThat(ApiKeyFormat.visible("cg_short")).isEqualTo("cg_short");
    }

    @Test
    void aBootstrapKeyNeedsThirtyTwoCharactersWithoutSurroundingSpace() {
        assertThat(ApiKeyFormat.strongEnough("x".repeat(32))).isTrue();
        assertThat(ApiKeyFormat.strongEnough("x".repeat(31))).isFalse();
        assertThat(ApiKeyFormat.strongEnough(" " + "x".repeat(32))).isFalse();
        assertThat(ApiKeyFormat.strongEnough(null)).isFalse();
    }
}

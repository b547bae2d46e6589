package io.confidencegateway.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SecretScrubberTest {

    private final SecretScrubber scrubber = new SecretScrubber(List.of("plain-configured-key", "short7x", "  "));

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # what an upstream sent                                                  | what the gateway keeps
            Incorrect API key provided: sk-proj-Ab12Cd34Ef56. You can find your key   | Incorrect API key provided: [redacted]. You can find your key
            invalid x-api-key sk-ant-api03-xY9_zz-QQ                                  | invalid x-api-key [redacted]
            key pk-12345678 and rk-abcdefgh                                           | key [redacted] and [redacted]
            sk-1234567 is too short for a key                                         | sk-1234567 is too short for a key
            the task-12345678 failed                                                  | the task-12345678 failed
            header was Authorization: Bearer abc.DEF-123_x/y+z==                      | header was Authorization: Bearer [redacted]
            got basic dXNlcjpwYXNz                                                    | got basic [redacted]
            POST /v1/chat?api_key=hunter22&model=x failed                             | POST /v1/chat?api_key=[redacted]&model=x failed
            bad "apiKey": "s3cr3t", retry                                             | bad "apiKey": "[redacted]", retry
            token=abc; secret: xyz) password=p@ss                                     | token=[redacted]; secret: [redacted]) password=[redacted]
            client_secret=zzz key:value access-token=t0k                              | client_secret=[redacted] key:[redacted] access-token=[redacted]
            your key plain-configured-key was refused                                 | your key [redacted] was refused
            short7x is below the literal-match length                                 | short7x is below the literal-match length
            high entropy AKIAIOSFODNN7EXAMPLE1 here                                   | high entropy [redacted] here
            azure 0123456789abcdef0123456789abcdef key                                | azure [redacted] key
            The model claude-3-5-haiku-20241022 does not exist                        | The model claude-3-5-haiku-20241022 does not exist
            The model gpt-4o-mini-2024-07-18 does not exist                           | The model gpt-4o-mini-2024-07-18 does not exist
            request 01a2360c-052a-7571-8408-3abeddd2aea3 failed                       | request 01a2360c-052a-7571-8408-3abeddd2aea3 failed
            see /v1/chat/completions/2024/status for details                          | see /v1/chat/completions/2024/status for details
            internationalization is a long word                                       | internationalization is a long word
            """)
    void removesWhatLooksLikeAKeyAndKeepsTheRest(String upstream, String kept) {
        assertThat(scrubber.scrub(upstream)).isEqualTo(kept);
    }

    @Test
    void nullAndEmptyStayAsTheyAre() {
        assertThat(scrubber.scrub(null)).isNull();
        assertThat(scrubber.scrub("")).isEmpty();
    }

    @Test
    void aConfiguredSecretOfExactlyTheMinimumLengthIsRemovedOneShorterIsNot() {
        var scrubber = new SecretScrubber(List.of("eight888", "seven77"));
        assertThat(scrubber.scrub("a eight888 b seven77 c")).isEqualTo("a [redacted] b seven77 c");
    }

    @Test
    void theLongerOfTwoNestedSecretsIsRemovedWhole() {
        var scrubber = new SecretScrubber(List.of("abcdefgh", "abcdefgh-longer"));
        assertThat(scrubber.scrub("x abcdefgh-longer y")).isEqualTo("x [redacted] y");
    }

    @Test
    void aTokenCountsFromTwentyCharactersAndSixteenWithoutASeparator() {
        // 19 characters of mixed letters and digits: too short; 20: a token.
        assertThat(SecretScrubber.highEntropy("a1b2c3d4e5f6g7h8i9j")).isFalse();
        assertThat(SecretScrubber.highEntropy("a1b2c3d4e5f6g7h8i9j0")).isTrue();
        // The longest stretch without a separator: 15 is a name made of parts, 16 is a key.
        assertThat(SecretScrubber.highEntropy("a1b2c3d4e5f6g7h-x9y8z")).isFalse();
        assertThat(SecretScrubber.highEntropy("a1b2c3d4e5f6g7h8-x9y8z")).isTrue();
        assertThat(SecretScrubber.highEntropy("a1b2c3d4-e5f6g7h8i9j0k1l")).isFalse();
        assertThat(SecretScrubber.highEntropy("a1b2-c3d4e5f6g7h8i9j0k")).isTrue();
        assertThat(SecretScrubber.highEntropy("abcd-c3d4e5f6g7h8i9j0k")).isTrue();
    }

    @Test
    void aTokenNeedsLettersDigitsAndEnoughEntropy() {
        assertThat(SecretScrubber.highEntropy("abcdefghijklmnopqrstuv")).as("letters only").isFalse();
        assertThat(SecretScrubber.highEntropy("12345678901234567890")).as("digits only").isFalse();
        // Four symbols evenly: exactly 2 bits per character, below the 3-bit floor; eight symbols: exactly 3.
        assertThat(SecretScrubber.entropy("aabb1122aabb1122aabb")).isLessThan(SecretScrubber.MIN_ENTROPY);
        assertThat(SecretScrubber.highEntropy("ab12ab12ab12ab12ab12ab12")).isFalse();
        assertThat(SecretScrubber.entropy("abcd1234abcd1234abcd1234")).isEqualTo(3.0);
        assertThat(SecretScrubber.highEntropy("abcd1234abcd1234abcd1234")).isTrue();
    }

    @Test
    void entropyIsShannonsInBitsPerCharacter() {
        assertThat(SecretScrubber.entropy("aaaa")).isEqualTo(0.0);
        assertThat(SecretScrubber.entropy("abab")).isEqualTo(1.0);
        assertThat(SecretScrubber.entropy("ab\u00e9\u00e9")).isEqualTo(1.5);
        assertThat(Arrays.asList(SecretScrubber.MIN_TOKEN, SecretScrubber.MIN_SEGMENT, SecretScrubber.MIN_KNOWN_SECRET))
                .containsExactly(20, 16, 8);
    }
}

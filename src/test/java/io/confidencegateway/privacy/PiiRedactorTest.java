package io.confidencegateway.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class PiiRedactorTest {

    private final PiiRedactor redactor = new PiiRedactor();

    static Stream<Arguments> personalData() {
        return Stream.of(
                Arguments.of("Mail jane.doe@example.com today", "Mail [EMAIL] today", PiiType.EMAIL),
                Arguments.of("cc: a.b+billing@mail.example.co.uk.", "cc: [EMAIL].", PiiType.EMAIL),
                Arguments.of("Call +1 (555) 123-4567 now", "Call [PHONE] now", PiiType.PHONE),
                Arguments.of("London +44 20 7946 0958", "London [PHONE]", PiiType.PHONE),
                Arguments.of("Berlin: +49-30-12345678.", "Berlin: [PHONE].", PiiType.PHONE),
                Arguments.of("Phone 555-123-4567, thanks", "Phone [PHONE], thanks", PiiType.PHONE),
                Arguments.of("Phone (555) 123-4567", "Phone [PHONE]", PiiType.PHONE),
                Arguments.of("Phone 555.123.4567", "Phone [PHONE]", PiiType.PHONE),
                Arguments.of("Toll free 1-800-555-0199", "Toll free [PHONE]", PiiType.PHONE),
                Arguments.of("Card 4111 1111 1111 1111 expires", "Card [CARD] expires", PiiType.CARD),
                Arguments.of("Card 5555-5555-5555-4444", "Card [CARD]", PiiType.CARD),
                Arguments.of("Amex 378282246310005.", "Amex [CARD].", PiiType.CARD),
                Arguments.of("Card 4111111111111111", "Card [CARD]", PiiType.CARD),
                Arguments.of("IBAN DE89 3704 0044 0532 0130 00 please", "IBAN [IBAN] please", PiiType.IBAN),
                Arguments.of("IBAN GB82WEST12345698765432", "IBAN [IBAN]", PiiType.IBAN),
                Arguments.of("to FR14 2004 1010 0505 0001 3M02 606 NOW", "to [IBAN] NOW", PiiType.IBAN),
                Arguments.of("SSN 123-45-6789.", "SSN [SSN].", PiiType.SSN),
                Arguments.of("ssn:078-05-1120", "ssn:[SSN]", PiiType.SSN));
    }

    @ParameterizedTest(name = "{2}: {0}")
    @MethodSource("personalData")
    void eachKindOfPersonalDataIsReplacedByItsPlaceholder(String input, String expected, PiiType type) {
        Redaction redaction = redactor.redact(input);

        assertThat(redaction.text()).isEqualTo(expected);
        assertThat(redaction.counts()).isEqualTo(Map.of(type, 1));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Card 4111 1111 1111 1112 fails the Luhn check",
        "Order 4111111111111112 shipped",
        "Order number 12345678901234567890",
        "Reference ORD-2024-000123",
        "IBAN GB82 WEST 1234 5698 7654 33 has a bad checksum",
        "IBAN DE00 3704 0044 0532 0130 00",
        "SSN area 000-12-3456",
        "SSN area 666-12-3456",
        "SSN area 912-12-3456",
        "SSN group 123-00-4567",
        "SSN serial 123-45-0000",
        "Renewed on 2024-01-15, or 15.01.2024, or 01/15/2024",
        "It costs $1,200.00 or 1,200,000 yen",
        "In 2024 we had 12345 tickets; call 911",
        "Version 1.2.3 and build 20240115",
        "Write to support at example dot com, or @billing",
        "Total 1.200.000,00 EUR or 1 200 000 EUR",
        "Plain digits 5551234567 are ambiguous"
    })
    void lookalikesAreLeftAlone(String input) {
        Redaction redaction = redactor.redact(input);

        assertThat(redaction.text()).isEqualTo(input);
        assertThat(redaction.redactedAny()).isFalse();
    }

    @Test
    void mixedTextIsRedactedAndCountedPerType() {
        String input = "Hi, I'm jane@example.com (or j.doe@example.org), phone +1 555 123 4567 or 555-987-6543. "
                + "Refund $1,200 on 2024-03-01 to card 4111-1111-1111-1111, not order 4111-1111-1111-1112, "
                + "or IBAN GB82 WEST 1234 5698 7654 32. SSN 123-45-6789.";

        Redaction redaction = redactor.redact(input);

        assertThat(redaction.text()).isEqualTo("Hi, I'm [EMAIL] (or [EMAIL]), phone [PHONE] or [PHONE]. "
                + "Refund $1,200 on 2024-03-01 to card [CARD], not order 4111-1111-1111-1112, "
                + "or IBAN [IBAN]. SSN [SSN].");
        assertThat(redaction.counts()).isEqualTo(Map.of(PiiType.EMAIL, 2, PiiType.PHONE, 2, PiiType.CARD, 1,
                PiiType.IBAN, 1, PiiType.SSN, 1));
        assertThat(redaction.total()).isEqualTo(7);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "@", "+", "++++", "(((", "-- -- --", "[EMAIL]", "\u0000\uFFFF", "a@b",
        "+1 (", "DE89", "4111 ", "😀 +44 😀 jane@example.com😀"})
    void oddInputNeverThrows(String input) {
        Redaction redaction = redactor.redact(input);

        assertThat(redaction.text()).isNotNull();
    }

    @Test
    void nullReadsAsEmpty() {
        assertThat(redactor.redact(null)).isEqualTo(new Redaction("", Map.of()));
    }

    /** Long runs of what each pattern starts on and then fails on: where a backtracking pattern would explode. */
    private static final String ADVERSARIAL = "a".repeat(200_000) + " " + "1 ".repeat(100_000) + "A1".repeat(50_000)
            + "x@" + ".a".repeat(50_000) + "+1".repeat(50_000);

    /**
     * Each pattern reads the text a bounded number of times per character however long the runs are (its quantifiers
     * are bounded and anchored by look-arounds), so redaction stays linear in the text: a pattern that backtracks
     * over a run, or rescans it from every start, reads it dozens of times or without end and trips the meter.
     */
    @Test
    void everyPatternReadsALongAdversarialTextABoundedNumberOfTimesPerCharacter() {
        for (Pattern pattern : PiiRedactor.patterns()) {
            var text = new MeteredText(ADVERSARIAL, READS_PER_CHARACTER);
            var matcher = pattern.matcher(text);
            assertThatCode(() -> {
                while (matcher.find()) {
                    // Every match to the end of the text, as redaction finds them.
                }
            }).as(pattern.pattern()).doesNotThrowAnyException();
            assertThat(text.reads()).as(pattern.pattern()).isPositive()
                    .isLessThanOrEqualTo((long) READS_PER_CHARACTER * ADVERSARIAL.length());
        }
    }

    @Test
    void theMeterTripsOnAPatternThatBacktracksOverARun() {
        var text = new MeteredText("a".repeat(5_000), READS_PER_CHARACTER);

        assertThatThrownBy(() -> Pattern.compile("[a-z]+@").matcher(text).find())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("read more than");
    }

    @Test
    void aLongAdversarialTextWithNoPersonalDataComesBackUnchanged() {
        assertThat(redactor.redact(ADVERSARIAL)).isEqualTo(new Redaction(ADVERSARIAL, Map.of()));
    }

    /**
     * The patterns read the adversarial text 1.1 to 2.4 times per character; the e-mail pattern without its
     * look-behind (a 64-character rescan from every start) reads it 92 times, a catastrophic one without end.
     */
    private static final int READS_PER_CHARACTER = 10;

    /** A text that counts how often a matcher reads a character of it, and fails once it read more than allowed. */
    private static final class MeteredText implements CharSequence {
        private final String text;
        private final long budget;
        private long reads;

        MeteredText(String text, int perCharacter) {
            this.text = text;
            this.budget = (long) perCharacter * text.length();
        }

        long reads() {
            return reads;
        }

        @Override
        public char charAt(int index) {
            if (++reads > budget) {
                throw new IllegalStateException("read more than " + budget + " characters of a text of "
                        + text.length());
            }
            return text.charAt(index);
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return text.subSequence(start, end);
        }

        @Override
        public String toString() {
            return text;
        }
    }
}

package io.confidencegateway.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The checksums behind card and IBAN redaction, exactly on their length limits: a number one digit too short or too
 * long is not personal data even when its check digit fits.
 */
class PiiChecksumsTest {

    private static boolean luhn(String digits) {
        return PiiRedactor.luhnValid(digits, 0, digits.length());
    }

    private static boolean iban(String text) {
        return PiiRedactor.ibanValid(text, 0, text.length());
    }

    @Test
    void aLuhnValidCardOfThirteenDigitsCountsAndOfTwelveDoesNot() {
        assertThat(luhn("4111111111119")).isTrue();
        assertThat(luhn("411111111117")).isFalse();
    }

    @Test
    void aLuhnValidCardOfNineteenDigitsCountsAndOfTwentyDoesNot() {
        assertThat(luhn("4111111111111111110")).isTrue();
        assertThat(luhn("41111111111111111115")).isFalse();
    }

    @Test
    void theLuhnCheckDoublesEverySecondDigitFromTheRightAndSubtractsNine() {
        // 4111 1111 1111 1111 is valid only when the doubled 4 (8) and the doubled 1s (2) are summed correctly;
        // 5555 5555 5555 4444 needs the "doubled digit above 9 minus 9" rule (5*2 = 10 -> 1).
        assertThat(luhn("4111111111111111")).isTrue();
        assertThat(luhn("5555555555554444")).isTrue();
        assertThat(luhn("4111111111111112")).isFalse();
        assertThat(luhn("5555555555554445")).isFalse();
    }

    @Test
    void separatorsBetweenCardDigitsAreIgnoredByTheLuhnCheck() {
        assertThat(luhn("4111-1111 1111-1111")).isTrue();
    }

    @Test
    void theLuhnCheckLooksOnlyInsideTheGivenRange() {
        String text = "xx4111111111111111yy";

        assertThat(PiiRedactor.luhnValid(text, 2, 18)).isTrue();
        assertThat(PiiRedactor.luhnValid(text, 2, 17)).isFalse();
    }

    @Test
    void anIbanOfFifteenCharactersCountsAndOfFourteenDoesNot() {
        assertThat(iban("NO2812345678901")).isTrue();
        assertThat(iban("NO561234567890")).isFalse();
    }

    @Test
    void anIbanOfThirtyFourCharactersCountsAndOfThirtyFiveDoesNot() {
        assertThat(iban("NO64123456789012345678901234567890")).isTrue();
        assertThat(iban("NO111234567890123456789012345678901")).isFalse();
    }

    @Test
    void anIbanWithLettersInItsAccountPartIsCheckedWithLettersAsNumbers() {
        assertThat(iban("GB82WEST12345698765432")).isTrue();
        assertThat(iban("GB82WEST12345698765433")).isFalse();
        assertThat(iban("GB82 WEST 1234 5698 7654 32")).isTrue();
    }

    @Test
    void anIbanWithACharacterThatIsNeitherDigitNorCapitalIsRejected() {
        assertThat(iban("GB82WEST1234569876543-")).isFalse();
        assertThat(iban("GB82west12345698765432")).isFalse();
    }

    @Test
    void aCapitalWordAfterAnIbanIsLeftOutOfTheRedaction() {
        Redaction redaction = new PiiRedactor().redact("pay GB82 WEST 1234 5698 7654 32 NOW");

        assertThat(redaction.text()).isEqualTo("pay [IBAN] NOW");
    }
}

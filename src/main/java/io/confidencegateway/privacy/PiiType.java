package io.confidencegateway.privacy;

/** A kind of personal data the gateway redacts, with the placeholder that replaces it. */
public enum PiiType {
    /** An e-mail address. */
    EMAIL("[EMAIL]"),
    /** A phone number: international ({@code +} and country code) or US with separators. */
    PHONE("[PHONE]"),
    /** A payment card number (13–19 digits, Luhn-valid). */
    CARD("[CARD]"),
    /** An IBAN (mod-97 valid). */
    IBAN("[IBAN]"),
    /** A US social security number ({@code AAA-GG-SSSS}). */
    SSN("[SSN]");

    private final String placeholder;

    PiiType(String placeholder) {
        this.placeholder = placeholder;
    }

    /** The text that replaces each occurrence, e.g. {@code [EMAIL]}. */
    public String placeholder() {
        return placeholder;
    }
}

package io.confidencegateway.knowledge;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes the demo knowledge base's {@code account_security.pdf} (two pages; the lockout rules are on page 2 only).
 * Run once when its text changes, and commit the PDF:
 * {@code java -cp target/test-classes:$(cat cp.txt) io.confidencegateway.knowledge.DemoPdfGenerator}.
 */
public final class DemoPdfGenerator {

    static final List<List<String>> ACCOUNT_SECURITY = List.of(
            List.of(
                    "# Brightdesk Account Security Guide",
                    "How to keep a Brightdesk account secure, and what support agents can and cannot do for "
                            + "customers. This guide applies to all plans.",
                    "# Resetting a password",
                    "To reset a password, choose Forgot password on the sign-in page and enter the account email "
                            + "address. We send a reset link to that address. The link is valid for 60 minutes and "
                            + "works once. If it has expired, request a new one.",
                    "Passwords must be at least 12 characters long. We reject passwords that appear in known data "
                            + "breaches.",
                    "Support agents never reset a password over chat or phone, and never ask for a password. A "
                            + "customer who no longer has access to their email address must go through identity "
                            + "verification: the account owner confirms the request from another admin account, or "
                            + "sends a signed request on company letterhead. Verification takes up to 2 business days.",
                    "# Two-factor authentication",
                    "Two-factor authentication (2FA) adds a second step at sign-in. To turn it on, open Settings > "
                            + "Security > Two-factor authentication and scan the QR code with an authenticator app, "
                            + "or register a security key (WebAuthn). SMS codes are offered only as a fallback.",
                    "When 2FA is turned on, we show 10 backup codes. Each backup code works once. Store them "
                            + "somewhere safe, away from the phone.",
                    "Workspace admins can require 2FA for every member under Settings > Security > Enforce 2FA. "
                            + "Members without 2FA then have to set it up at their next sign-in.",
                    "A customer who lost the phone with their authenticator app signs in with a backup code and sets "
                            + "up 2FA again. Without a backup code, 2FA can only be removed after identity "
                            + "verification, which takes up to 2 business days."),
            List.of(
                    "# Locked accounts",
                    "After 5 failed sign-in attempts within 15 minutes, the account is locked for 30 minutes. The "
                            + "lock lifts automatically after 30 minutes; support cannot unlock it sooner. A "
                            + "successful password reset also lifts the lock.",
                    "An account that is locked 3 times within 24 hours stays locked until the owner resets the "
                            + "password.",
                    "# Suspicious activity",
                    "We email a sign-in alert when someone signs in from a new device or a new country. A customer "
                            + "who does not recognise a sign-in should act at once: reset the password; sign out of "
                            + "all sessions under Settings > Security > Sign out everywhere; review and revoke API "
                            + "tokens under Settings > API; and report the incident to security@brightdesk.example.",
                    "The security team answers reports within 4 hours for Business plans and within 1 business day "
                            + "for other plans.",
                    "Brightdesk will never ask for a password, a 2FA code or a backup code by email, chat or phone. "
                            + "Messages that ask for them are phishing; forward them to security@brightdesk.example.",
                    "# Sessions",
                    "Sessions expire after 14 days without activity, and after 12 hours on shared devices marked as "
                            + "public. Changing the password signs out every other session."));

    private DemoPdfGenerator() {
    }

    public static void main(String[] args) throws IOException {
        Path target = Path.of(args.length > 0 ? args[0]
                : "src/main/resources/demo/support-copilot/account_security.pdf");
        Files.write(target, TestPdfs.pages(ACCOUNT_SECURITY));
        System.out.println("Wrote " + target);
    }
}

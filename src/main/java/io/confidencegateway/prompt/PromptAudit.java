package io.confidencegateway.prompt;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

/**
 * The one place a prompt change is written down: a new version and every label move, with who asked for it once the
 * access layer knows. Today a log line on the {@code io.confidencegateway.prompt.audit} category; the audit log of
 * the access feature replaces the body of {@link #record}.
 */
@ApplicationScoped
public class PromptAudit {

    private static final Logger LOG = Logger.getLogger("io.confidencegateway.prompt.audit");

    /** What was changed. */
    public enum Action {
        VERSION_CREATED, LABEL_MOVED,
        /** Production moved with {@code force}, past the evaluation gate. */
        GATE_OVERRIDDEN
    }

    /**
     * Writes an audit entry.
     *
     * @param action what happened
     * @param product the product
     * @param subject the version number or label name
     * @param detail what it now says, e.g. "version 3, weight 10"
     * @param reason the caller's reason or note, or null
     */
    public void record(Action action, String product, String subject, String detail, String reason) {
        LOG.infof("audit %s product=%s subject=%s %s%s", action, product, subject, detail,
                reason == null ? "" : " reason=\"" + reason.replace('"', '\'').replace('\n', ' ') + "\"");
    }
}

package io.confidencegateway.provider;

/** Optional features a provider may support; each maps to request parameters the gateway checks. */
public enum Capability {
    /** {@code stream: true}. */
    STREAMING,
    /** {@code tools}, {@code tool_choice}, {@code parallel_tool_calls}. */
    TOOLS,
    /** {@code logprobs}, {@code top_logprobs}. */
    LOGPROBS,
    /** {@code response_format: {"type": "json_object"}}. */
    JSON_MODE,
    /** {@code response_format: {"type": "json_schema", …}}. */
    JSON_SCHEMA,
    /** {@code seed}. */
    SEED,
    /** {@code n} greater than 1. */
    MULTIPLE_CHOICES,
    /** {@code presence_penalty}, {@code frequency_penalty}. */
    PENALTIES,
    /** {@code logit_bias}. */
    LOGIT_BIAS,
    /** Image content parts in messages. */
    IMAGES,
    /** Vendor parameters the gateway does not model, forwarded verbatim (e.g. vLLM's {@code top_k}). */
    EXTRA_PARAMETERS
}

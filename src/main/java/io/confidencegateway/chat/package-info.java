/**
 * The chat-completion vocabulary shared by the public API and the provider adapters.
 *
 * <p>It is the OpenAI chat-completions wire shape, the lingua franca of LLM clients: the OpenAI-compatible
 * surface reads and writes it unchanged, and each adapter translates it to its vendor's API. Keeping one
 * vocabulary (instead of a neutral copy plus mappers) means a pass-through request is parsed once and
 * written once. JSON names are snake_case on the wire.
 */
package io.confidencegateway.chat;

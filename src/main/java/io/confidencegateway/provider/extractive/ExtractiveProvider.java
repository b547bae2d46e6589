package io.confidencegateway.provider.extractive;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.confidencegateway.chat.Passage;
import io.confidencegateway.chat.ChatChunk;
import io.confidencegateway.chat.ChatMessage;
import io.confidencegateway.chat.ChatRequest;
import io.confidencegateway.chat.ChatResponse;
import io.confidencegateway.chat.GroundingBlock;
import io.confidencegateway.chat.Usage;
import io.confidencegateway.provider.Capability;
import io.confidencegateway.provider.ChatProvider;
import io.confidencegateway.provider.ProviderSettings;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * The embedded default: answers from the knowledge-base passages in the prompt ({@link GroundingBlock}) with no
 * model and no network, citing each sentence it takes. It serves products when no LLM is configured and is the
 * last resort of a failover route. Its answers are only as good as retrieval, which the confidence score shows.
 */
final class ExtractiveProvider implements ChatProvider {

    private static final Set<Capability> CAPABILITIES = EnumSet.of(Capability.STREAMING);

    private final ProviderSettings settings;
    private final ExtractiveAnswerer answerer = new ExtractiveAnswerer();

    ExtractiveProvider(ProviderSettings settings) {
        this.settings = settings;
    }

    @Override
    public String id() {
        return settings.name();
    }

    @Override
    public Set<Capability> capabilities() {
        return CAPABILITIES;
    }

    @Override
    public boolean inProcess() {
        return true;
    }

    @Override
    public Uni<ChatResponse> chat(ChatRequest request) {
        return Uni.createFrom().item(() -> {
            String answer = answer(request);
            return new ChatResponse("extractive-" + UUID.randomUUID(), ChatResponse.OBJECT, now(), request.model(),
                    List.of(new ChatResponse.Choice(0, ChatMessage.of("assistant", answer), "stop", null)),
                    usage(request, answer), null, null, null);
        });
    }

    @Override
    public Multi<ChatChunk> stream(ChatRequest request) {
        return Multi.createFrom().deferred(() -> {
            String answer = answer(request);
            String id = "extractive-" + UUID.randomUUID();
            long created = now();
            var chunks = new ArrayList<ChatChunk>();
            chunks.add(ChatChunk.of(id, created, request.model(), List.of(new ChatChunk.ChunkChoice(0,
                    new ChatChunk.Delta("assistant", "", null, null), null, null)), null));
            String[] sentences = answer.split("(?<=\\]) ");
            for (int i = 0; i < sentences.length; i++) {
                String piece = i == 0 ? sentences[i] : " " + sentences[i];
                chunks.add(ChatChunk.of(id, created, request.model(), List.of(new ChatChunk.ChunkChoice(0,
                        new ChatChunk.Delta(null, piece, null, null), null, null)), null));
            }
            chunks.add(ChatChunk.of(id, created, request.model(), List.of(new ChatChunk.ChunkChoice(0,
                    new ChatChunk.Delta(null, null, null, null), "stop", null)), null));
            chunks.add(ChatChunk.of(id, created, request.model(), List.of(), usage(request, answer)));
            return Multi.createFrom().iterable(chunks);
        });
    }

    /**
     * Answers the last user question from the passages the gateway grounded the request in; a caller that builds
     * its own prompt may put passages in it as {@link GroundingBlock} elements instead (the pass-through route).
     */
    private String answer(ChatRequest request) {
        boolean grounded = request.grounding() != null;
        var passages = grounded ? request.grounding() : new ArrayList<Passage>();
        String question = "";
        for (ChatMessage message : request.messages()) {
            String text = message.text();
            if (!grounded) {
                passages.addAll(GroundingBlock.parse(text));
            }
            if ("user".equals(message.role())) {
                String stripped = grounded ? text : GroundingBlock.strip(text);
                if (!stripped.isBlank()) {
                    question = stripped;
                }
            }
        }
        return answerer.answer(question, passages);
    }

    private static Usage usage(ChatRequest request, String answer) {
        int promptChars = request.messages().stream().mapToInt(m -> m.text().length()).sum();
        return Usage.of((promptChars + 3) / 4, (answer.length() + 3) / 4);
    }

    private static long now() {
        return System.currentTimeMillis() / 1000;
    }
}

package io.confidencegateway.answer;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.confidencegateway.review.ReviewQueue;
import io.smallrye.mutiny.Uni;

/**
 * A stored product answer as support tools read it later: exactly as served, except that a hand-off a person
 * has since resolved shows the person's reply as its content, marked with {@code resolution}, and keeps its
 * {@code handoff} (ticket, reason and the message the customer got first).
 */
@ApplicationScoped
public class ServedAnswers {

    /**
     * The answer's JSON as returned, the person's resolution when there is one, the id of the key that asked for the
     * answer (null: none recorded), and the question it answers (as stored, after PII redaction) for the card.
     */
    public record Served(String json, HumanResolution resolution, UUID createdByKey, String question) {
    }

    private final AnswerStore store;
    private final ReviewQueue reviews;
    private final ObjectMapper json;

    public ServedAnswers(AnswerStore store, ReviewQueue reviews, ObjectMapper json) {
        this.store = store;
        this.reviews = reviews;
        this.json = json;
    }

    /** The product answer with this id, if there is one. */
    public Uni<Optional<Served>> find(UUID id) {
        return store.find(id).chain(stored -> {
            if (stored.isEmpty()) {
                return Uni.createFrom().item(Optional.<Served>empty());
            }
            String body = stored.get().json();
            UUID owner = stored.get().createdByKey();
            String question = stored.get().question();
            ObjectNode node = parse(body);
            UUID ticket = ticketOf(node);
            if (ticket == null) {
                return Uni.createFrom().item(Optional.of(new Served(body, null, owner, question)));
            }
            return reviews.find(ticket)
                    .map(item -> Optional.of(item.flatMap(HumanResolution::of)
                            .map(resolution -> resolved(node, resolution, owner, question))
                            .orElseGet(() -> new Served(body, null, owner, question))));
        });
    }

    private Served resolved(ObjectNode node, HumanResolution resolution, UUID owner, String question) {
        if (resolution.replied()) {
            node.put("content", resolution.text());
            node.put("summary", Summaries.of(resolution.text()));
            node.put("requires_human_review", false);
            node.set("ux", json.valueToTree(HumanResolution.UX));
        }
        node.set("resolution", json.valueToTree(resolution));
        try {
            return new Served(json.writeValueAsString(node), resolution, owner, question);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException("answer could not be encoded", impossible);
        }
    }

    private static UUID ticketOf(ObjectNode node) {
        JsonNode id = node.path("handoff").path("id");
        if (!id.isTextual()) {
            return null;
        }
        try {
            return UUID.fromString(id.asText());
        } catch (IllegalArgumentException notATicket) {
            return null;
        }
    }

    private ObjectNode parse(String stored) {
        try {
            return (ObjectNode) json.readTree(stored);
        } catch (JsonProcessingException | ClassCastException corrupt) {
            throw new IllegalStateException("stored answer is not readable", corrupt);
        }
    }
}

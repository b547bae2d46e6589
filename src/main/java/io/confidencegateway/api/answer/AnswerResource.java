package io.confidencegateway.api.answer;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.confidencegateway.access.AccessPolicy;
import io.confidencegateway.access.ApiKey;
import io.confidencegateway.access.Callers;
import io.confidencegateway.answer.AiResponse;
import io.confidencegateway.api.openai.ChatRequestValidator;
import io.confidencegateway.inference.GatewayError;
import io.confidencegateway.answer.AnswerCard;
import io.confidencegateway.answer.ServedAnswers;
import io.confidencegateway.problem.Problem;
import io.confidencegateway.problem.ProblemException;
import io.confidencegateway.chat.ChatMessage;
import io.confidencegateway.pipeline.AnswerPipeline;
import io.confidencegateway.pipeline.AnswerQuery;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.smallrye.mutiny.Uni;

/** Native answers API: ask a product a question and get an AIResponse; fetch an answer by id (a client its own). */
@Path("/v1/answers")
@Tag(name = "Answers")
public class AnswerResource {

    private final AnswerPipeline pipeline;
    private final ServedAnswers served;
    private final ObjectMapper json;
    private final Callers callers;
    private final Template cardTemplate;

    public AnswerResource(AnswerPipeline pipeline, ServedAnswers served, ObjectMapper json, Callers callers,
            @Location("answer/card.html") Template cardTemplate) {
        this.callers = callers;
        this.cardTemplate = cardTemplate;
        this.pipeline = pipeline;
        this.served = served;
        this.json = json;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Answer a question for a product", description = "Runs the product's pipeline: PII "
            + "redaction (when the product's pii_handling is redact), retrieval from its knowledge base, the "
            + "provider route of its model tier (ending in the model-free extractive provider), citation "
            + "extraction and validation, confidence scoring with explained signals, the review decision and the "
            + "UX treatment. Returns the AIResponse; X-Inference-Id and X-Gateway-Confidence headers carry its id "
            + "and confidence. The answer is stored before the response and readable at GET /v1/answers/{id}.")
    @APIResponse(responseCode = "200", description = "The AIResponse (a hand-off, too, when trust is low or every "
            + "provider failed: it carries the ticket)")
    @APIResponse(responseCode = "400", description = "No product, no question, both question and messages, a "
            + "question too long, or a body that is not the request's JSON (the problem names the field)")
    @APIResponse(responseCode = "403", description = "The key may not ask this product (its products list)")
    @APIResponse(responseCode = "404", description = "No product has that id")
    public Uni<Response> ask(AnswerRequest request) {
        if (request == null) {
            throw invalid("body", "send a JSON object with 'product' and 'question' (or 'messages')");
        }
        if (request.product() == null || request.product().isBlank()) {
            throw invalid("product", "is required: the id of a product (GET /v1/products)");
        }
        callers.requireProduct(request.product());
        String question = request.question();
        List<ChatMessage> earlier = new ArrayList<>();
        if (request.messages() != null && !request.messages().isEmpty()) {
            if (question != null) {
                throw invalid("question", "send either 'question' or 'messages', not both");
            }
            var bad = ChatRequestValidator.invalidConversation(request.messages());
            if (bad.isPresent() && bad.get() instanceof GatewayError.InvalidRequest invalidRequest) {
                throw invalid(invalidRequest.param(), invalidRequest.message());
            }
            int last = lastUserMessage(request.messages());
            if (last < 0) {
                throw invalid("messages", "needs at least one message with role 'user' (the question)");
            }
            question = request.messages().get(last).text();
            earlier.addAll(request.messages().subList(0, last));
        }
        if (question == null || question.isBlank()) {
            throw invalid("question", "must not be empty");
        }
        return pipeline.answer(new AnswerQuery(request.product(), question, earlier, request.userId(),
                request.conversationId(), null)).map(AnswerPipeline.Answered::response).map(answer -> Response.ok(answer).header("X-Inference-Id", answer.id())
                        .header("X-Gateway-Confidence", String.format(Locale.ROOT, "%.2f", answer.confidence()))
                        .build());
    }

    private static int lastUserMessage(List<ChatMessage> messages) {
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (messages.get(i) != null && "user".equals(messages.get(i).role())) {
                return i;
            }
        }
        return -1;
    }

    @GET
    @Path("/{id}")
    @Produces({MediaType.APPLICATION_JSON, MediaType.TEXT_HTML})
    @Operation(summary = "Get an answer", description = "A product answer exactly as it was served (the AIResponse); "
            + "with Accept: text/html, the same answer as an embeddable card (the question, border colour, inline SVG "
            + "icon, the label in words, disclaimer, the answer's markdown rendered with its [n] markers linked to the "
            + "cited passages, review reasons, suggested actions; a hand-off says its message once, with the ticket; "
            + "everything from the answer is HTML-escaped). Once a person resolved a hand-off in the review queue, content is their reply and "
            + "'resolution' says who answered (answered_by: person), while 'handoff' keeps the ticket and first "
            + "message. The record of the model call behind it (and of any plain chat completion) is at "
            + "GET /v1/inferences/{id}. A client key reads only the answers it created; agent and admin keys any.")
    @APIResponse(responseCode = "200", description = "The answer")
    @APIResponse(responseCode = "403", description = "A client key on an answer it did not create: client keys read "
            + "only their own answers (a rotated key those of the keys it replaced), agent and admin keys any (code "
            + "not_answer_owner; answers stored before answers recorded their key count as another key's)")
    @APIResponse(responseCode = "404", description = "No product answer has that id (ids are UUIDs); a plain chat "
            + "completion's record is at GET /v1/inferences/{id}")
    @APIResponse(responseCode = "406", description = "An Accept header that matches neither JSON nor HTML")
    public Uni<Response> get(@Parameter(description = "The answer id (X-Inference-Id)") @PathParam("id") String id,
            @jakarta.ws.rs.HeaderParam("Accept") String accept) {
        UUID uuid = PathIds.uuid(id, "answer");
        ApiKey caller = callers.current().orElse(null);
        Set<UUID> callerKeyIds = caller == null ? Set.of() : callers.keyIds(caller);
        boolean html = accept != null && accept.contains(MediaType.TEXT_HTML)
                && !accept.contains(MediaType.APPLICATION_JSON);
        return served.find(uuid).map(stored -> {
            ServedAnswers.Served answer = stored.orElseThrow(() -> ProblemException.notFound("No product answer has "
                    + "the id " + id + "; the record of a plain chat completion is at GET /v1/inferences/" + id));
            AccessPolicy.readDenial(caller, callerKeyIds, answer.createdByKey()).ifPresent(denied -> {
                throw new ProblemException(Problem.forbidden(denied.code(), denied.detail()));
            });
            return html ? Response.ok(card(answer), MediaType.TEXT_HTML_TYPE).build()
                    : Response.ok(answer.json(), MediaType.APPLICATION_JSON_TYPE).build();
        });
    }

    private String card(ServedAnswers.Served answer) {
        try {
            return cardTemplate.data("card", AnswerCard.of(json.readValue(answer.json(), AiResponse.class),
                    answer.resolution(), answer.question())).render();
        } catch (JsonProcessingException corrupt) {
            throw new IllegalStateException("stored answer is not readable", corrupt);
        }
    }

    private static ProblemException invalid(String field, String message) {
        return new ProblemException(new Problem("about:blank", "Bad Request", 400, field + ": " + message, null,
                List.of(new Problem.FieldError(field, message))));
    }
}

package io.confidencegateway.api.openai;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;

import io.confidencegateway.pipeline.AnswerQuery;
import io.confidencegateway.pipeline.AnswerPipeline;
import io.confidencegateway.inference.GatewayError;
import io.confidencegateway.problem.Problem;
import io.confidencegateway.problem.ProblemException;
import io.confidencegateway.chat.ChatChunk;
import io.confidencegateway.chat.ChatMessage;
import io.confidencegateway.chat.ChatRequest;
import io.confidencegateway.chat.ChatResponse;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * A chat completion addressed to a product ({@code X-Gateway-Product: <id>} or {@code model: "product/<id>"}):
 * the caller's last user message is the question, earlier turns are context, and the product pipeline answers.
 * The completion is OpenAI's shape; its {@code gateway} object (in a stream: on the finish chunk, and on the usage
 * chunk when asked for) carries the confidence, citations, review verdict and UX treatment.
 */
@ApplicationScoped
public class ProductChat {

    /** The model prefix that addresses a product. */
    public static final String MODEL_PREFIX = "product/";

    private final AnswerPipeline pipeline;

    public ProductChat(AnswerPipeline pipeline) {
        this.pipeline = pipeline;
    }

    /** The product a request addresses, from the header or the model name; null when it addresses none. */
    public static String productOf(ChatRequest request, String header) {
        if (header != null && !header.isBlank()) {
            return header.strip();
        }
        String model = request.model();
        return model != null && model.startsWith(MODEL_PREFIX) ? model.substring(MODEL_PREFIX.length()) : null;
    }

    /**
     * The whole answer as a chat completion, still wire-neutral: its id is the answer's, and its {@code gateway}
     * slot holds the {@link AnswerPipeline.Answered} verdict ({@link OpenAiShapes} addresses both).
     */
    public Uni<ChatResponse> complete(String productId, ChatRequest caller) {
        rejectIfInvalid(caller, productId);
        return pipeline.answer(query(productId, caller)).map(ProductChat::completion);
    }

    /**
     * The answer as a stream: tokens as they come, the verdict on the finish chunk (and the usage chunk); a
     * hand-off ends the stream with its message as content and the ticket in {@code gateway.handoff}.
     */
    public Multi<ChatChunk> stream(String productId, ChatRequest caller, Consumer<String> onId) {
        rejectIfInvalid(caller, productId);
        return pipeline.stream(query(productId, caller), onId);
    }

    private static AnswerQuery query(String productId, ChatRequest caller) {
        Question question = question(caller);
        return new AnswerQuery(productId, question.text(), question.earlier(), caller.user(), null, caller);
    }

    /** The AIResponse in OpenAI's completion shape: its content (the draft, or the hand-off message). */
    private static ChatResponse completion(AnswerPipeline.Answered answered) {
        var response = answered.response();
        var usage = response.usage() == null ? io.confidencegateway.chat.Usage.of(0, 0)
                : io.confidencegateway.chat.Usage.of(response.usage().promptTokens(),
                        response.usage().completionTokens());
        return new ChatResponse(response.id(), ChatResponse.OBJECT,
                response.createdAt().getEpochSecond(), response.model(), List.of(new ChatResponse.Choice(0,
                        ChatMessage.of("assistant", response.content()), "stop", null)), usage, null, null,
                answered);
    }

    /** The options a product answer cannot honour (the route has already checked the request's shape). */
    private static void rejectIfInvalid(ChatRequest caller, String productId) {
        ProductOptionsPolicy.refusal(caller, productId).ifPresent(error -> {
                    throw new GatewayError.Rejection(error);
                });
    }

    private record Question(String text, List<ChatMessage> earlier) {
    }

    private static Question question(ChatRequest caller) {
        List<ChatMessage> messages = caller.messages() == null ? List.of() : caller.messages();
        for (int i = messages.size() - 1; i >= 0; i--) {
            ChatMessage message = messages.get(i);
            if (message != null && "user".equals(message.role())) {
                return new Question(message.text(), new ArrayList<>(messages.subList(0, i)));
            }
        }
        throw new ProblemException(new Problem("about:blank", "Bad Request", 400,
                "messages: a product answers the last message with role 'user'; there is none", null,
                List.of(new Problem.FieldError("messages", "needs a message with role 'user'"))));
    }
}

package io.confidencegateway.api;

import io.confidencegateway.problem.Problem;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

import io.confidencegateway.access.AccessPolicy;
import io.quarkus.smallrye.openapi.OpenApiFilter;

/**
 * Gives every documented error response its body shape, and documents the answers the HTTP layer gives any
 * operation (414, and outside the OpenAI surface 406 and 415), so that resources only list what they decide
 * themselves. Errors are {@code application/problem+json} ({@code Problem}), or OpenAI's error object on the
 * OpenAI-compatible paths ({@link ErrorSurface}). The contract test holds the document to the behaviour.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class ErrorResponsesFilter implements OASFilter {

    static final String PROBLEM = "Problem";
    static final String OPENAI_ERROR = "OpenAiError";
    static final String API_KEY = "ApiKey";
    private static final String CHAT_COMPLETIONS = "/v1/chat/completions";

    @Override
    public void filterOpenAPI(OpenAPI openApi) {
        if (openApi.getComponents() == null) {
            openApi.setComponents(OASFactory.createComponents());
        }
        if (openApi.getComponents().getSchemas() == null
                || !openApi.getComponents().getSchemas().containsKey(PROBLEM)) {
            openApi.getComponents().addSchema(PROBLEM, problemSchema());
        }
        openApi.getComponents().addSchema(OPENAI_ERROR, openAiErrorSchema());
        if (openApi.getPaths() == null || openApi.getPaths().getPathItems() == null) {
            return;
        }
        openApi.getComponents().addSecurityScheme(API_KEY, OASFactory.createSecurityScheme()
                .type(SecurityScheme.Type.HTTP).scheme("bearer").description("A gateway API key (cg_…) as "
                        + "'Authorization: Bearer <key>'. Each operation lists the role it needs (client, agent, "
                        + "admin; each includes the ones before it). A browser signed in to /console sends its "
                        + "session cookie (cg_session) instead, with the role of the key it signed in with, and must "
                        + "send X-CSRF-Token (the page's csrf-token meta tag) on every request that is not a GET, "
                        + "HEAD or OPTIONS: 403 'missing or wrong CSRF token' otherwise."));
        openApi.getPaths().getPathItems().forEach((path, item) -> item.getOperations()
                .forEach((method, operation) -> {
                    complete(path, operation);
                    secure(method.name(), path, operation);
                }));
    }

    /** The role the access rules give the operation, and the answers of the access filter. */
    private static void secure(String method, String path, Operation operation) {
        var role = AccessPolicy.required(method, path);
        if (role.isEmpty()) {
            return;
        }
        operation.setSecurity(List.of(OASFactory.createSecurityRequirement().addScheme(API_KEY,
                role.get().wire())));
        APIResponses responses = operation.getResponses();
        addIfAbsent(responses, "401", "No API key, or one that is unknown, revoked or expired "
                + "(WWW-Authenticate: Bearer)");
        addIfAbsent(responses, "403", "The key lacks the " + role.get().wire() + " role, or may not use this "
                + "product or model; the detail names what is missing");
        addIfAbsent(responses, "429", "The key's rpm, max_parallel, tpm or budget is used up; honour "
                + "Retry-After (x-ratelimit-* headers say how much is left)");
        responses.getAPIResponses().forEach((code, response) -> {
            if (List.of("401", "403", "429").contains(code) && (response.getContent() == null
                    || response.getContent().getMediaTypes() == null
                    || response.getContent().getMediaTypes().isEmpty())) {
                response.setContent(errorContent(ErrorSurface.isOpenAi(path)));
            }
        });
    }

    private static void complete(String path, Operation operation) {
        boolean openAi = ErrorSurface.isOpenAi(path);
        if (operation.getResponses() == null) {
            operation.setResponses(OASFactory.createAPIResponses());
        }
        APIResponses responses = operation.getResponses();
        // Chat completions is a Vert.x route that reads any body as JSON and always answers JSON or SSE; every
        // other operation is a JAX-RS method, which negotiates both headers.
        boolean negotiated = !CHAT_COMPLETIONS.equals(path);
        if (negotiated && operation.getRequestBody() != null) {
            addIfAbsent(responses, "415", "The Content-Type is not one this operation reads");
        }
        if (negotiated && answersWithABody(responses)) {
            addIfAbsent(responses, "406", "No representation matches the Accept header");
        }
        addIfAbsent(responses, "414", "The URI is longer than gateway.http.max-uri-length");
        addIfAbsent(responses, "503", "This instance is stopping (code shutting_down, Retry-After: 1) and stored "
                + "nothing of the request: send it again");
        responses.getAPIResponses().forEach((code, response) -> {
            if (!isError(code)) {
                return;
            }
            if (response.getContent() == null || response.getContent().getMediaTypes() == null
                    || response.getContent().getMediaTypes().isEmpty()) {
                response.setContent(errorContent(openAi));
                return;
            }
            // A media type named without a schema (@Content(mediaType = …) on a resource) gets the error body's.
            response.getContent().getMediaTypes().values().stream().filter(media -> media.getSchema() == null)
                    .forEach(media -> media.setSchema(errorSchemaRef(openAi)));
        });
    }

    private static boolean answersWithABody(APIResponses responses) {
        return responses.getAPIResponses().entrySet().stream().anyMatch(entry -> entry.getKey().startsWith("2")
                && entry.getValue().getContent() != null && entry.getValue().getContent().getMediaTypes() != null
                && !entry.getValue().getContent().getMediaTypes().isEmpty());
    }

    private static void addIfAbsent(APIResponses responses, String code, String description) {
        if (!responses.hasAPIResponse(code)) {
            responses.addAPIResponse(code, OASFactory.createAPIResponse().description(description));
        }
    }

    private static boolean isError(String code) {
        return code.length() == 3 && (code.charAt(0) == '4' || code.charAt(0) == '5');
    }

    private static Content errorContent(boolean openAi) {
        MediaType media = OASFactory.createMediaType().schema(errorSchemaRef(openAi));
        return OASFactory.createContent().addMediaType(openAi ? "application/json" : Problem.MEDIA_TYPE, media);
    }

    private static Schema errorSchemaRef(boolean openAi) {
        return OASFactory.createSchema().ref(openAi ? OPENAI_ERROR : PROBLEM);
    }

    private static Schema problemSchema() {
        Schema fieldError = object(Map.of("field", string("The field, parameter or header at fault"),
                "message", string("What it accepts")), List.of("field", "message"));
        return object(Map.of(
                "type", string("about:blank"),
                "title", string("The HTTP status's phrase"),
                "status", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER),
                "detail", string("What went wrong and what to fix"),
                "instance", string("Where to look further, when there is something to look at"),
                "errors", OASFactory.createSchema().addType(Schema.SchemaType.ARRAY).items(fieldError),
                "code", string("A stable name for the refusal where a program may need one (e.g. not_answer_owner)")),
                List.of("type", "title", "status", "detail"))
                .description("RFC 9457 problem detail (application/problem+json)");
    }

    private static Schema openAiErrorSchema() {
        Schema nullableString = OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                .addType(Schema.SchemaType.NULL);
        Schema body = object(Map.of("message", string("What went wrong and what to fix"),
                "type", string("invalid_request_error, rate_limit_error, timeout_error or server_error"),
                "param", nullableString, "code", nullableString), List.of("message", "type", "param", "code"));
        return object(Map.of("error", body), List.of("error")).description("OpenAI's error shape");
    }

    private static Schema object(Map<String, Schema> properties, List<String> required) {
        return OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .properties(new java.util.TreeMap<>(properties)).required(required);
    }

    private static Schema string(String description) {
        return OASFactory.createSchema().addType(Schema.SchemaType.STRING).description(description);
    }
}

package uk.contactpoint.api;

import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The API's one reader of request bodies: strict, so that a caller's mistake is refused rather than guessed at.
 * Unknown or repeated fields, trailing content, nulls for numbers or flags, a body larger than {@link #MAX_BODY} bytes, deep
 * nesting and long strings are all refused with an {@link ApiProblem} (400), and nothing is done with the request.
 */
final class ApiJson {

    /** The largest JSON body the API reads: its requests are a few fields each. */
    static final int MAX_BODY = 16 * 1024;

    private static final JsonMapper STRICT = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(16).maxStringLength(4000)
                            .maxNumberLength(30).build())
                    .enable(tools.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .build())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private ApiJson() {
    }

    /** Reads a body as the given record, or throws a problem that says what is wrong (never echoing values). */
    static <T> T read(byte[] body, Class<T> type) {
        if (body == null || body.length == 0) {
            throw ApiProblem.badRequest("The request needs a JSON body");
        }
        if (body.length > MAX_BODY) {
            throw new ApiProblem(org.springframework.http.HttpStatus.CONTENT_TOO_LARGE, "body-too-large",
                    "The request body is too large", "A JSON body may be at most " + MAX_BODY + " bytes");
        }
        try {
            T value = STRICT.readValue(body, type);
            if (value == null) {
                throw ApiProblem.badRequest("The request body must be a JSON object");
            }
            return value;
        } catch (UnrecognizedPropertyException e) {
            throw ApiProblem.badRequest("Unknown field '" + safe(e.getPropertyName()) + "': see the API description for the fields this request takes");
        } catch (JacksonException e) {
            throw ApiProblem.badRequest("The request body is not valid JSON of the expected shape"
                    + (e.getPath().isEmpty() ? "" : " (at field '" + safe(e.getPath().get(e.getPath().size() - 1).getPropertyName()) + "')"));
        }
    }

    /** A field name as the caller sent it, cut short and limited to safe characters: it is echoed in the problem. */
    private static String safe(String name) {
        if (name == null) {
            return "?";
        }
        String cut = name.length() > 40 ? name.substring(0, 40) : name;
        return cut.replaceAll("[^A-Za-z0-9_.-]", "?");
    }

    static JsonMapper writer() {
        return WRITER;
    }

    private static final JsonMapper WRITER = JsonMapper.builder().build();
}

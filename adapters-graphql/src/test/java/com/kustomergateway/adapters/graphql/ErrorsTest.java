package com.kustomergateway.adapters.graphql;

import com.kustomergateway.domain.ErrorCode;
import com.kustomergateway.domain.InvalidInputException;
import com.kustomergateway.domain.Violation;

import graphql.ExceptionWhileDataFetching;
import graphql.GraphQLError;
import graphql.execution.ResultPath;
import graphql.language.SourceLocation;
import graphql.validation.ValidationError;
import graphql.validation.ValidationErrorType;

import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.StringReader;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How what went wrong becomes what a caller is told: its stable code, its words, never the gateway's insides. */
class ErrorsTest {

    static final SourceLocation WHERE = new SourceLocation(1, 9);
    static final ResultPath PATH = ResultPath.rootPath().segment("operations");

    static ValidationError invalid(ValidationErrorType type, String... queryPath) {
        return ValidationError.newValidationError().validationErrorType(type).description("as graphql-java says it")
                .sourceLocation(WHERE).queryPath(List.of(queryPath)).build();
    }

    static Object code(GraphQLError error) {
        return error.getExtensions().get("code");
    }

    @ParameterizedTest
    @CsvSource({
            "FieldUndefined, UNKNOWN_FIELD",
            "UnknownArgument, UNKNOWN_FIELD",
            "UnknownType, UNKNOWN_FIELD",
            "UndefinedVariable, UNKNOWN_FIELD",
            "MissingFieldArgument, REQUIRED_VALUE_MISSING",
            "NullValueForNonNullArgument, REQUIRED_VALUE_MISSING",
            "WrongType, WRONG_TYPE",
            "VariableTypeMismatch, WRONG_TYPE",
            "SubselectionRequired, INVALID_QUERY",
            "DuplicateOperationName, INVALID_QUERY"})
    void aDocumentTheSchemaRefusesGetsTheCodeOfWhatIsWrongWithIt(ValidationErrorType type, String code) {
        GraphQLError refusal = Errors.recode(invalid(type, "operation", "status"));

        assertThat(code(refusal)).isEqualTo(code);
        assertThat(refusal.getMessage()).isEqualTo("as graphql-java says it");
        assertThat(refusal.getLocations()).containsExactly(WHERE);
    }

    @Test
    void anIntrospectionFieldTheSchemaHidesIsIntrospectionDisabled() {
        assertThat(code(Errors.recode(invalid(ValidationErrorType.FieldUndefined, "__schema"))))
                .isEqualTo("INTROSPECTION_DISABLED");
        assertThat(code(Errors.recode(invalid(ValidationErrorType.FieldUndefined, "query", "__type"))))
                .isEqualTo("INTROSPECTION_DISABLED");
    }

    @Test
    void aRefusalIsWrittenWithoutGraphQLJavasClassification() {
        Map<String, Object> written = Errors.recode(invalid(ValidationErrorType.WrongType, "x")).toSpecification();

        assertThat(written).containsOnlyKeys("message", "locations", "extensions");
        assertThat(written.get("extensions")).isEqualTo(Map.of("code", "WRONG_TYPE"));
    }

    @Test
    void aFieldWhoseRoleTheTokenLacksIsForbiddenAtItsPath() {
        GraphQLError refusal = Errors.recode(new ExceptionWhileDataFetching(PATH, new ForbiddenException(), WHERE));

        assertThat(code(refusal)).isEqualTo("FORBIDDEN");
        assertThat(refusal.getMessage()).isEqualTo("The caller's token does not carry the role this field needs");
        assertThat(refusal.getPath()).containsExactly("operations");
    }

    @Test
    void aFieldReachedWithoutAValidTokenIsUnauthenticated() {
        GraphQLError refusal = Errors.recode(new ExceptionWhileDataFetching(PATH, new UnauthorizedException(), WHERE));

        assertThat(code(refusal)).isEqualTo("UNAUTHENTICATED");
        assertThat(refusal.getMessage()).isEqualTo("This call needs a valid bearer token from the gateway's issuer");
    }

    @Test
    void aFailureNoRuleExplainsIsAnInternalErrorWithAReferenceAndNothingOfTheGatewaysInsides() {
        GraphQLError refusal = Errors.recode(new ExceptionWhileDataFetching(PATH,
                new IllegalStateException("pool exhausted at com.kustomergateway.Secret"), WHERE));

        assertThat(code(refusal)).isEqualTo("INTERNAL_ERROR");
        assertThat(refusal.getMessage())
                .matches("The gateway failed unexpectedly; its log has the details under reference [0-9a-f-]{36}")
                .doesNotContain("IllegalStateException", "pool exhausted", "com.kustomergateway");
    }

    @Test
    void aLostDatabaseConnectionAnywhereInTheCauseIsDatabaseUnavailable() {
        RuntimeException lost = new RuntimeException("could not store",
                new SQLException("Connection refused", "08001"));

        GraphQLError refusal = Errors.recode(new ExceptionWhileDataFetching(PATH, lost, WHERE));

        assertThat(code(refusal)).isEqualTo("DATABASE_UNAVAILABLE");
        assertThat(refusal.getMessage()).startsWith("The gateway's database is unavailable, so nothing was accepted");
    }

    @Test
    void aConstraintViolationIsNotMistakenForALostDatabase() {
        RuntimeException duplicate = new RuntimeException(new SQLException("duplicate key", "23505"));

        assertThat(code(Errors.recode(new ExceptionWhileDataFetching(PATH, duplicate, WHERE))))
                .isEqualTo("INTERNAL_ERROR");
    }

    @Test
    void anErrorAResolverRaisedKeepsItsCode() {
        GatewayError raised = GatewayError.invalid(new InvalidInputException(ErrorCode.NOTE_EMPTY, "note is empty"));
        ExceptionWhileDataFetching fetching = new ExceptionWhileDataFetching(PATH, raised, WHERE);

        assertThat(Errors.recode(fetching)).isSameAs(fetching);
        assertThat(fetching.getExtensions()).containsEntry("code", "NOTE_EMPTY");
    }

    @Test
    void invalidInputBecomesAnErrorWithTheFirstFieldAndEveryViolation() {
        InvalidInputException input = new InvalidInputException(List.of(
                new Violation(ErrorCode.VALUE_NOT_A_NUMBER, "objects[0].data[0].value", "'8,5' is not a number"),
                new Violation(ErrorCode.TITLE_REQUIRED, "objects[1].title", "a title is required")));

        assertThatThrownBy(() -> Errors.guard(() -> {
            throw input;
        })).isInstanceOfSatisfying(GatewayError.class, error -> {
            assertThat(error.getExtensions()).isEqualTo(Map.of("code", "VALUE_NOT_A_NUMBER",
                    "field", "objects[0].data[0].value"));
            assertThat(error.getMessage()).isEqualTo(
                    "objects[0].data[0].value: '8,5' is not a number; objects[1].title: a title is required");
            assertThat(new Errors().mapValueFrom(error)).isEqualTo(Json.createArrayBuilder()
                    .add(Json.createObjectBuilder().add("code", "VALUE_NOT_A_NUMBER")
                            .add("field", "objects[0].data[0].value").add("message", "'8,5' is not a number"))
                    .add(Json.createObjectBuilder().add("code", "TITLE_REQUIRED")
                            .add("field", "objects[1].title").add("message", "a title is required"))
                    .build());
        });
    }

    @Test
    void anUnexpectedFailureInAResolverBecomesAnInternalError() {
        assertThatThrownBy(() -> Errors.guard(() -> {
            throw new NullPointerException("oops");
        })).isInstanceOfSatisfying(GatewayError.class,
                error -> assertThat(error.getExtensions()).isEqualTo(Map.of("code", "INTERNAL_ERROR")));
    }

    @Test
    void aCallRefusedBeforeGraphQLRanIsAnsweredInGraphQLsShapeWithNoData() {
        JsonObject body = Json.createReader(new StringReader(
                Errors.responseBody(TransportCode.REQUEST_TOO_LARGE, "The request body is larger than the gateway accepts")))
                .readObject();

        assertThat(body.isNull("data")).isTrue();
        assertThat(body.getJsonArray("errors")).hasSize(1);
        assertThat(body.getJsonArray("errors").getJsonObject(0).getString("message"))
                .isEqualTo("The request body is larger than the gateway accepts");
        assertThat(body.getJsonArray("errors").getJsonObject(0).getJsonObject("extensions"))
                .isEqualTo(Json.createObjectBuilder().add("code", "REQUEST_TOO_LARGE").build());
    }
}

package uk.sen.platform.web;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.List;
import java.util.Map;

import jakarta.inject.Singleton;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;

import io.quarkus.jackson.ObjectMapperCustomizer;
import uk.sen.platform.problem.ProblemException;

/**
 * What every service refuses before its own code sees it, the same way everywhere, as a 400 naming the field: the
 * NUL character in any text (PostgreSQL cannot store it), {@code null} inside a JSON array, and dates outside the
 * years any school record can mean (they overflow date arithmetic and the database). Responses are never cached and
 * never sniffed, since most of them carry a child's records.
 */
@Provider
@Singleton
public class InputRules implements ObjectMapperCustomizer, ParamConverterProvider {

    /** The widest window a date anywhere in the API can fall in; fields with a narrower one check it themselves. */
    public static final LocalDate EARLIEST = LocalDate.of(1900, 1, 1);
    public static final LocalDate LATEST = LocalDate.of(2199, 12, 31);
    static final String NUL_REASON = "must not contain the NUL character (0x00)";
    private static final DateTimeFormatter ISO_DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd")
            .withResolverStyle(ResolverStyle.STRICT);

    // ---- query and path parameters --------------------------------------------------------------------------

    @ServerRequestFilter
    public void refuseNulInParameters(UriInfo uri) {
        refuseNul(uri.getPathParameters());
        refuseNul(uri.getQueryParameters());
    }

    private static void refuseNul(Map<String, List<String>> parameters) {
        for (Map.Entry<String, List<String>> p : parameters.entrySet()) {
            if (p.getKey().indexOf('\0') >= 0) {
                throw ProblemException.invalid("query", NUL_REASON);
            }
            for (String value : p.getValue()) {
                if (value != null && value.indexOf('\0') >= 0) {
                    throw ProblemException.invalid(p.getKey(), NUL_REASON);
                }
            }
        }
    }

    @ServerResponseFilter
    public void neverCached(ContainerResponseContext response) {
        response.getHeaders().putSingle("X-Content-Type-Options", "nosniff");
        if (!response.getHeaders().containsKey("Cache-Control")) {
            response.getHeaders().putSingle("Cache-Control", "no-store");
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> ParamConverter<T> getConverter(Class<T> rawType, Type genericType, Annotation[] annotations) {
        if (rawType != LocalDate.class) {
            return null;
        }
        String name = "date";
        for (Annotation a : annotations) {
            if (a instanceof QueryParam q) {
                name = q.value();
            } else if (a instanceof PathParam p) {
                name = p.value();
            }
        }
        String field = name;
        return (ParamConverter<T>) new ParamConverter<LocalDate>() {
            @Override
            public LocalDate fromString(String value) {
                if (value == null || value.isBlank()) {
                    return null;
                }
                return date(field, value.trim());
            }

            @Override
            public String toString(LocalDate value) {
                return value == null ? null : value.toString();
            }
        };
    }

    /** A date as the API writes it (yyyy-MM-dd, a real day, within {@link #EARLIEST}..{@link #LATEST}), else 400. */
    public static LocalDate date(String field, String value) {
        LocalDate date;
        try {
            date = LocalDate.parse(value, ISO_DATE);
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid(field, "must be a date written yyyy-MM-dd");
        }
        if (date.isBefore(EARLIEST) || date.isAfter(LATEST)) {
            throw ProblemException.invalid(field, "must be a date between " + EARLIEST + " and " + LATEST);
        }
        return date;
    }

    // ---- JSON bodies ----------------------------------------------------------------------------------------

    /** After Quarkus's own customizer, whose Java time module would otherwise replace the date rule. */
    @Override
    public int priority() {
        return MINIMUM_PRIORITY;
    }

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.setDefaultSetterInfo(JsonSetter.Value.forContentNulls(Nulls.FAIL));
        SimpleModule rules = new SimpleModule("sen-input-rules");
        rules.addDeserializer(String.class, new NulRefusingStrings());
        rules.addDeserializer(LocalDate.class, new Dates());
        mapper.registerModule(rules);
    }

    static final class NulRefusingStrings extends JsonDeserializer<String> {
        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String value = StringDeserializer.instance.deserialize(p, ctxt);
            if (value != null && value.indexOf('\0') >= 0) {
                throw JsonMappingException.from(p, NUL_REASON);
            }
            return value;
        }
    }

    static final class Dates extends JsonDeserializer<LocalDate> {
        @Override
        public LocalDate deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                throw JsonMappingException.from(p, "must be a date written \"yyyy-MM-dd\"");
            }
            try {
                return date("", p.getText().trim());
            } catch (ProblemException e) {
                throw JsonMappingException.from(p, e.violations().get(0).reason());
            }
        }
    }
}

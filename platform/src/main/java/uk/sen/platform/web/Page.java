package uk.sen.platform.web;

import java.util.List;
import java.util.function.Function;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.quarkus.hibernate.orm.panache.PanacheQuery;

/**
 * One page of a list, the same shape in every service. A list that can be walked by cursor also gives
 * {@code next}: pass it as {@code after} for the following page (absent on the last page); a page asked for by
 * cursor has no page number.
 */
public record Page<T>(List<T> items,
        @Schema(nullable = true, description = "Page number, from 0; null on a page asked for by cursor (after)") Integer page,
        int size, long totalItems, int totalPages,
        @JsonInclude(JsonInclude.Include.NON_NULL)
        @Schema(nullable = true, description = "Cursor of the following page, to pass as after; absent on the last page") String next) {

    public static <T> Page<T> of(List<T> items, PageRequest request, long totalItems) {
        return new Page<>(items, request.page, request.size, totalItems, pages(totalItems, request.size), null);
    }

    /** A page of a list walked by cursor: page {@code page} of the request, or the page after a cursor (null). */
    public static <T> Page<T> of(List<T> items, Integer page, int size, long totalItems, String next) {
        return new Page<>(items, page, size, totalItems, pages(totalItems, size), next);
    }

    public static <E, T> Page<T> of(PanacheQuery<E> query, PageRequest request, Function<E, T> mapper) {
        List<T> items = query.page(io.quarkus.panache.common.Page.of(request.page, request.size)).list().stream()
                .map(mapper).toList();
        return of(items, request, query.count());
    }

    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(items.stream().map(mapper).toList(), page, size, totalItems, totalPages, next);
    }

    private static int pages(long totalItems, int size) {
        return (int) ((totalItems + size - 1) / size);
    }
}

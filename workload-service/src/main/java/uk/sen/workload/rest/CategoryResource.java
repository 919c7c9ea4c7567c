package uk.sen.workload.rest;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.security.Authenticated;
import uk.sen.workload.domain.ActivityCategory;
import uk.sen.workload.domain.StandardsArea;
import uk.sen.workload.domain.WorkType;
import uk.sen.workload.service.Categories;

@Path("/api/v1/categories")
@Tag(name = "Activity categories")
@Authenticated
public class CategoryResource {

    @Schema(description = "An activity a SENCO logs time against")
    public record CategoryView(@Schema(description = "The code time entries use", examples = "EHCP_ANNUAL_REVIEWS") String code,
            @Schema(description = "Its name, for people", examples = "EHCP annual reviews") String name,
            StandardsArea standardsArea,
            @Schema(description = "That area's name", examples = "Teaching and learning") String standardsAreaName,
            WorkType workType,
            @Schema(description = "That kind of work's name", examples = "Administrative") String workTypeName,
            @Schema(description = """
                    False for a category no longer in use: it is kept for the entries that have it, but new time \
                    cannot be logged against it""") boolean active) {

        static CategoryView of(ActivityCategory c) {
            return new CategoryView(c.code, c.name, c.standardsArea, c.standardsArea.label, c.workType,
                    c.workType.label, c.active);
        }
    }

    @Inject
    Categories categories;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "listActivityCategories", summary = "Activity categories, in display order",
            description = """
                    The activities a SENCO logs time against, in the order the app shows them, each with the key \
                    area of the National Standards for SENCOs and the kind of work it rolls up to in reports. \
                    Categories no longer in use are listed too (active false) for the entries that have them; \
                    new time cannot be logged against them. The whole list, not paged.""")
    @APIResponse(responseCode = "200", description = "Every category, in display order")
    public List<CategoryView> list() {
        return categories.list().stream().map(CategoryView::of).toList();
    }
}

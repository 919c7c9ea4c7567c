package uk.sen.workload.rest;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.security.Authenticated;
import uk.sen.workload.domain.ActivityCategory;
import uk.sen.workload.service.Categories;

@Path("/api/v1/categories")
@Tag(name = "Activity categories")
@Authenticated
public class CategoryResource {

    public record CategoryView(String code, String name, String standardsArea, String standardsAreaName,
            String workType, String workTypeName, boolean active) {

        static CategoryView of(ActivityCategory c) {
            return new CategoryView(c.code, c.name, c.standardsArea.name(), c.standardsArea.label, c.workType.name(),
                    c.workType.label, c.active);
        }
    }

    @Inject
    Categories categories;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Activity categories in display order, each with its National Standards area and kind of work")
    public List<CategoryView> list() {
        return categories.list().stream().map(CategoryView::of).toList();
    }
}

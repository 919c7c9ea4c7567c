package uk.sen.review.rest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.media.Schema;

import io.quarkus.smallrye.openapi.OpenApiFilter;

/**
 * The register's codes that a view passes on as strings, exactly as the register's events carried them (the register
 * validates them; its event schemas list them), named in the OpenAPI document: a code that may be absent is
 * {@code anyOf} the code list and {@code null}. The annotations cannot say this of a string (an {@code enumeration}
 * with {@code nullable} leaves {@code null} out of the enum), and turning the strings into enums would drop a code
 * the register adds before this service knows it.
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.BUILD)
public class RegisterCodeSchemas implements OASFilter {

    static final String NEED_CODE = "NeedCode";
    static final String NC_YEAR = "NcYear";

    /** Each view property that carries a register code, with the code list it carries. */
    static final Map<String, Map<String, String>> CODED_PROPERTIES = Map.of("FollowedPupilView",
            Map.of("ncYear", NC_YEAR, "primaryNeed", NEED_CODE, "secondaryNeed", NEED_CODE));

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null || openAPI.getComponents().getSchemas() == null) {
            return;
        }
        openAPI.getComponents().addSchema(NEED_CODE, codes("A census / SEN2 type of need", List.of("SLCN", "ASD",
                "SPLD", "MLD", "SLD", "PMLD", "SEMH", "HI", "VI", "MSI", "PD", "DS", "OTH", "NSA")));
        openAPI.getComponents().addSchema(NC_YEAR, codes("A national curriculum year group as the census codes it",
                List.of("E1", "E2", "N1", "N2", "R", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13",
                        "14", "X")));
        CODED_PROPERTIES.forEach((view, properties) -> {
            Schema schema = openAPI.getComponents().getSchemas().get(view);
            if (schema == null || schema.getProperties() == null) {
                return;
            }
            properties.forEach((property, codes) -> {
                Schema current = schema.getProperties().get(property);
                if (current != null) {
                    schema.addProperty(property, OASFactory.createSchema().description(current.getDescription())
                            .addAnyOf(OASFactory.createSchema().ref("#/components/schemas/" + codes))
                            .addAnyOf(OASFactory.createSchema().addType(Schema.SchemaType.NULL)));
                }
            });
        });
    }

    private static Schema codes(String description, List<String> values) {
        return OASFactory.createSchema().description(description).addType(Schema.SchemaType.STRING)
                .enumeration(new ArrayList<>(values));
    }
}

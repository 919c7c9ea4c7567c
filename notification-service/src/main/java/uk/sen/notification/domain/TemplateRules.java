package uk.sen.notification.domain;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import io.quarkus.qute.Engine;
import io.quarkus.qute.Expression;
import io.quarkus.qute.IfSectionHelper;
import io.quarkus.qute.SectionBlock;
import io.quarkus.qute.SectionHelperFactory;
import io.quarkus.qute.SectionNode;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateException;
import io.quarkus.qute.TemplateNode;
import io.quarkus.qute.ValueResolvers;

/**
 * What a message template may contain: text, the values of its message ({@code {recipientName}}), and
 * {@code {#if value}...{#else}...{/if}} on those values (compared with plain literals). Qute itself can do far more:
 * read the server's settings ({@code config:}), reach beans ({@code inject:}, {@code cdi:}), call methods, evaluate or
 * include other templates. So the check is an allow-list over the parsed template: a node passes only if it is one of
 * the kinds above, and whatever a later Qute adds (a namespace, a section) is refused without anyone listing it here.
 * <p>
 * Templates are also parsed and rendered by an {@link #ENGINE} of their own, which has the {@code if} section and
 * resolves nothing but the message's values: no namespaces, no template extensions, no locators. A template stored
 * before these rules existed cannot reach the server's settings either; it fails to parse or to render.
 */
public final class TemplateRules {

    /** Knows {@code #if} and the values a template instance is given, nothing else. */
    public static final Engine ENGINE = Engine.builder()
            .addSectionHelper(new IfSectionHelper.Factory())
            .addValueResolver(ValueResolvers.mapperResolver())
            .strictRendering(true)
            .removeStandaloneLines(true)
            .build();

    private static final String ELSE = "else";

    private TemplateRules() {
    }

    /** Parses with {@link #ENGINE}; a section it does not know, {@code {#eval}} or {@code {#include}} say, fails here. */
    public static Template parse(String text) throws TemplateException {
        return ENGINE.parse(text);
    }

    /**
     * What the template uses beyond {@code values} and {@code {#if}}, each named as it is written (e.g.
     * {@code {config:quarkus.datasource.password}}, {@code {#let}}); empty when it uses nothing else.
     */
    public static List<String> refusals(Template template, Collection<String> values) {
        List<String> found = new ArrayList<>();
        check(template.getNodes(), values, found);
        return found;
    }

    private static void check(List<TemplateNode> nodes, Collection<String> values, List<String> found) {
        for (TemplateNode node : nodes) {
            switch (node.kind()) {
                case TEXT -> {
                    // text is printed as it is
                }
                case EXPRESSION -> {
                    for (Expression e : node.getExpressions()) {
                        checkValue(e, values, found, false);
                    }
                }
                case SECTION -> checkSection(node.asSection(), values, found);
                default -> found.add("{@...} declarations are not used in message templates");
            }
        }
    }

    private static void checkSection(SectionNode section, Collection<String> values, List<String> found) {
        if (!"if".equals(section.getName()) || !(section.getHelper() instanceof IfSectionHelper)) {
            found.add("{#" + section.getName() + "}: a template may use only {#if}, {#else} and {/if}");
            return;
        }
        for (SectionBlock block : section.getBlocks()) {
            if (!SectionHelperFactory.MAIN_BLOCK_NAME.equals(block.label) && !ELSE.equals(block.label)) {
                found.add("{#" + block.label + "}: a template may use only {#if}, {#else} and {/if}");
                continue;
            }
            for (Expression e : block.expressions.values()) {
                checkValue(e, values, found, true);
            }
            check(block.nodes, values, found);
        }
    }

    /** A value passes when it is one of the message's own, by its bare name; in a condition, a literal passes too. */
    private static void checkValue(Expression e, Collection<String> values, List<String> found, boolean inCondition) {
        if (inCondition && e.isLiteral()) {
            return;
        }
        boolean plain = !e.hasNamespace() && !e.isLiteral() && e.getParts().size() == 1
                && !e.getParts().get(0).isVirtualMethod() && e.getParts().get(0).getTypeInfo() == null;
        if (plain && values.contains(e.getParts().get(0).getName())) {
            return;
        }
        found.add("{" + e.toOriginalString() + "}: a template may print only the values its message has ("
                + String.join(", ", values) + ")");
    }

    /**
     * Why a subject cannot be one mail header line, or empty: a line break would start a header of its own (a
     * {@code Bcc:}), and a mail library refuses it, for good, at every attempt.
     */
    public static Optional<String> subjectProblem(String subject) {
        if (subject == null) {
            return Optional.empty();
        }
        for (int i = 0; i < subject.length(); i++) {
            char c = subject.charAt(i);
            int type = Character.getType(c);
            if (Character.isISOControl(c) || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR) {
                return Optional.of(String.format("must be one line without control characters (U+%04X at position %d)",
                        (int) c, i + 1));
            }
        }
        return Optional.empty();
    }
}

package uk.sen.notification.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkus.qute.TemplateException;

/** What a message template may contain: the values of its message and {#if}; everything else is named and refused. */
class TemplateRulesTest {

    static final List<String> VALUES = List.of("recipientName", "meetingDate", "daysBefore", "statutory", "link");

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "Dear {recipientName}, see {link}",
            "is {#if daysBefore == 1}tomorrow{#else}in {daysBefore} days{/if}, on {meetingDate}",
            "{#if statutory} It is a statutory deadline.{/if}",
            "{#if !statutory && daysBefore >= 3}soon{#else if daysBefore eq 1}tomorrow{#else}today{/if}",
            "{#if statutory}{#if daysBefore > 1}{recipientName}{/if}{/if}",
            "{! a comment !}plain text, \\{recipientName} escaped",
            "no values at all" })
    void allows(String template) {
        assertEquals(List.of(), TemplateRules.refusals(TemplateRules.parse(template), VALUES));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " => ", quoteCharacter = '"', textBlock = """
            {config:['quarkus.datasource.password']}             => {config:quarkus.datasource.password}
            {inject:mailer.toString()}                           => {inject:mailer.toString()}
            {cdi:mailer}                                         => {cdi:mailer}
            {data:recipientName}                                 => {data:recipientName}
            {recipientName.getClass()}                           => {recipientName.getClass()}
            {recipientName.length}                               => {recipientName.length}
            {recipientName ?: 'someone'}                         => {recipientName.?:('someone')}
            {recipientName|java.lang.String}                     => {recipientName|java.lang.String}
            {primaryNeed}                                        => {primaryNeed}
            {#if config:['x'] == 'y'}x{/if}                      => {config:x}
            {#if statutory}{#else}{dateOfBirth}{/if}             => {dateOfBirth}
            {@java.lang.String link}                             => {@...}
            """)
    void refusesNamingWhatItUses(String template, String named) {
        List<String> refusals = TemplateRules.refusals(TemplateRules.parse(template), VALUES);
        assertEquals(1, refusals.size(), refusals.toString());
        assertTrue(refusals.get(0).startsWith(named), refusals.get(0));
    }

    @Test
    void refusesADeclarationAndTheValueItTypes() {
        List<String> refusals = TemplateRules.refusals(
                TemplateRules.parse("{@java.lang.String recipientName}{recipientName}"), VALUES);
        assertEquals(2, refusals.size(), refusals.toString());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "{#eval 'x' /}", "{#include base /}", "{#let p=config:['x']}{p}{/let}",
            "{#each items}{it}{/each}", "{#for i in items}{i}{/for}", "{#with recipientName}{it}{/with}",
            "{#insert}x{/insert}", "{#fragment id=a}x{/fragment}", "{#when daysBefore}{#is 1}x{/when}",
            "{@java.lang.String x='y'}{x}", "{#if recipientName}unclosed" })
    void doesNotParseSectionsOtherThanIf(String template) {
        assertThrows(TemplateException.class, () -> TemplateRules.parse(template));
    }

    @Test
    void rendersOnlyWithTheValuesItIsGiven() {
        String rendered = TemplateRules.parse("{#if daysBefore == 1}tomorrow{#else}in {daysBefore} days{/if}")
                .data("daysBefore", 7).render();
        assertEquals("in 7 days", rendered);
        // even if a stored template got past the checks, this engine has no namespace to read settings with
        assertThrows(TemplateException.class,
                () -> TemplateRules.parse("{config:['quarkus.datasource.password']}").render());
        assertThrows(TemplateException.class, () -> TemplateRules.parse("{link}").render());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            a line feed       | 10
            a carriage return | 13
            a tab             | 9
            an escape         | 27
            a delete          | 127
            a line separator  | 8232
            """)
    void refusesASubjectThatIsNotOneHeaderLine(String why, int character) {
        String subject = "Over time" + (char) character + "Bcc: someone@example.org";
        assertTrue(TemplateRules.subjectProblem(subject).orElseThrow().contains("control characters"));
    }

    @Test
    void takesAnOrdinarySubject() {
        assertEquals(Optional.empty(),
                TemplateRules.subjectProblem("Due in {daysLeft} days: {step} ({reference}) – Zoé’s school"));
    }
}

package uk.sen.notification.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.EnumSet;
import java.util.Set;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which channel a message goes by, from the rule, the recipient and the trust's provider. */
class ChannelChoiceTest {

    @ParameterizedTest(name = "rule {0}, prefers {1}, has {2}, provider {3} -> {4}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            "PREFERRED | EMAIL | EMAIL+SMS      | EMAIL     | EMAIL | -",
            "PREFERRED | SMS   | EMAIL+SMS      | EMAIL     | EMAIL | -",
            "PREFERRED | SMS   | EMAIL+SMS      | EMAIL+SMS | SMS   | -",
            "PREFERRED | SMS   | SMS            | EMAIL     | -     | no channel to reach the recipient (SMS: the trust's provider cannot send it; EMAIL: no email address)",
            "PREFERRED | POST  | EMAIL+POST     | EMAIL+SMS | EMAIL | -",
            "PREFERRED | POST  | SMS+POST       | EMAIL+SMS | SMS   | -",
            "PREFERRED | POST  | POST           | EMAIL+SMS | -     | no channel to reach the recipient (POST: letters are not sent by this service; EMAIL: no email address; SMS: no mobile number)",
            "PREFERRED | EMAIL | SMS            | EMAIL+SMS | SMS   | -",
            "EMAIL     | SMS   | EMAIL+SMS      | EMAIL+SMS | EMAIL | -",
            "EMAIL     | -     | SMS            | EMAIL+SMS | -     | no channel to reach the recipient (EMAIL: no email address)",
            "SMS       | EMAIL | EMAIL+SMS      | EMAIL     | -     | no channel to reach the recipient (SMS: the trust's provider cannot send it)" })
    void chooses(String rule, Channel preferred, String reachable, String provider, Channel expected, String reason) {
        ChannelChoice.Choice choice = ChannelChoice.choose(rule, preferred, set(reachable), set(provider));
        assertEquals(expected, choice.channel());
        assertEquals(reason, choice.reason());
    }

    static Set<Channel> set(String channels) {
        Set<Channel> set = EnumSet.noneOf(Channel.class);
        for (String c : channels.split("\\+")) {
            set.add(Channel.valueOf(c.trim()));
        }
        return set;
    }
}

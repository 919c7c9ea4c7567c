import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates the topics listed in deploy/kafka/topics.txt that do not exist yet (one JVM for all
 * topics instead of one kafka-topics run per topic). Existing topics are left unchanged; a topic
 * with fewer partitions than listed is reported, not altered.
 *
 * <p>Used by deploy/infra.sh: {@code java -cp <kafka jars>:<classes> EnsureTopics BOOTSTRAP FILE}.
 * Prints one summary line on stdout; exits non-zero on failure.
 */
public final class EnsureTopics {

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: EnsureTopics <bootstrap-servers> <topics-file>");
            System.exit(2);
        }
        Map<String, Integer> wanted = readTopics(Path.of(args[1]));

        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, args[0]);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 20_000);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 60_000);

        try (Admin admin = Admin.create(config)) {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = new ArrayList<>();
            wanted.forEach((name, partitions) -> {
                if (!existing.contains(name)) {
                    missing.add(new NewTopic(name, partitions, (short) 1));
                }
            });

            List<String> created = new ArrayList<>();
            if (!missing.isEmpty()) {
                var results = admin.createTopics(missing).values();
                for (NewTopic topic : missing) {
                    try {
                        results.get(topic.name()).get();
                        created.add(topic.name() + "(" + topic.numPartitions() + ")");
                    } catch (ExecutionException e) {
                        if (!(e.getCause() instanceof TopicExistsException)) {
                            throw e;
                        }
                    }
                }
            }

            Map<String, TopicDescription> described = admin.describeTopics(wanted.keySet()).allTopicNames().get();
            wanted.forEach((name, partitions) -> {
                int actual = described.get(name).partitions().size();
                if (actual < partitions) {
                    System.err.printf("WARNING: topic %s has %d partition(s), topics file wants %d%n", name, actual, partitions);
                }
            });

            if (created.isEmpty()) {
                System.out.printf("all %d topics exist%n", wanted.size());
            } else {
                System.out.printf("created %d of %d topics: %s%n", created.size(), wanted.size(), String.join(" ", created));
            }
        }
    }

    private static Map<String, Integer> readTopics(Path file) throws Exception {
        Map<String, Integer> topics = new LinkedHashMap<>();
        for (String raw : Files.readAllLines(file)) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split("\\s+");
            topics.put(fields[0], fields.length > 1 ? Integer.parseInt(fields[1]) : 1);
        }
        return topics;
    }
}

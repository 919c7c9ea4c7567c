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
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates the topics listed in deploy/kafka/topics.txt that do not exist yet (one JVM for all
 * topics instead of one kafka-topics run per topic). Existing topics are left unchanged; a topic
 * with fewer partitions or replicas than wanted is reported, not altered.
 *
 * <p>Used by deploy/infra.sh: {@code java -cp <kafka jars>:<classes> EnsureTopics BOOTSTRAP FILE
 * [REPLICATION-FACTOR [MIN-INSYNC-REPLICAS]]}: replication factor 1 and the broker's min.insync.replicas
 * for the single broker, 3 and 2 for the three-node cluster (SEN_KAFKA_BROKERS=3).
 * Prints one summary line on stdout; exits non-zero on failure.
 */
public final class EnsureTopics {

    public static void main(String[] args) throws Exception {
        if (args.length < 2 || args.length > 4) {
            System.err.println("usage: EnsureTopics <bootstrap-servers> <topics-file> [<replication-factor> [<min-insync-replicas>]]");
            System.exit(2);
        }
        Map<String, Integer> wanted = readTopics(Path.of(args[1]));
        short replicationFactor = args.length > 2 ? Short.parseShort(args[2]) : 1;
        Map<String, String> topicConfigs = args.length > 3
                ? Map.of(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, String.valueOf(Integer.parseInt(args[3])))
                : Map.of();

        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, args[0]);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 20_000);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 60_000);

        try (Admin admin = Admin.create(config)) {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = new ArrayList<>();
            wanted.forEach((name, partitions) -> {
                if (!existing.contains(name)) {
                    missing.add(new NewTopic(name, partitions, replicationFactor).configs(topicConfigs));
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
                TopicDescription description = described.get(name);
                int actual = description.partitions().size();
                if (actual < partitions) {
                    System.err.printf("WARNING: topic %s has %d partition(s), topics file wants %d%n", name, actual, partitions);
                }
                int replicas = description.partitions().get(0).replicas().size();
                if (replicas < replicationFactor) {
                    System.err.printf("WARNING: topic %s has %d replica(s), wanted %d%n", name, replicas, replicationFactor);
                }
            });

            String replication = replicationFactor == 1 ? ""
                    : " (replication factor " + replicationFactor
                            + (args.length > 3 ? ", min.insync.replicas " + args[3] : "") + ")";
            if (created.isEmpty()) {
                System.out.printf("all %d topics exist%s%n", wanted.size(), replication);
            } else {
                System.out.printf("created %d of %d topics%s: %s%n", created.size(), wanted.size(), replication, String.join(" ", created));
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

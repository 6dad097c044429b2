package ai.darwin.local;

import ai.darwin.events.Topic;
import ai.darwin.events.Topics;
import java.io.IOException;
import java.io.Reader;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What a service does on Kafka, read from its code rather than written down a second time: the topics it reads and
 * writes and the consumer groups it joins, from its application.properties' smallrye-kafka channels (incoming
 * {@code topic}/{@code topics}, or the channel's name; outgoing {@code topic}; a dead-letter queue's topic; the
 * channel's or the connector's {@code group.id}) and from the {@code new TopicFollower(...)} calls in its sources,
 * which read the {@code Topics} they name without a group. The Strimzi overlay's KafkaUsers must grant exactly this.
 *
 * @param reads  topics it consumes or follows
 * @param writes topics it publishes to
 * @param groups consumer groups it commits in
 */
record KafkaAccess(Set<String> reads, Set<String> writes, Set<String> groups) {

    private static final Pattern CHANNEL = Pattern.compile("mp\\.messaging\\.(incoming|outgoing)\\.([^.]+)\\.connector");
    private static final Pattern FOLLOWER = Pattern.compile("new TopicFollower\\(([^;]*);", Pattern.DOTALL);
    private static final Pattern TOPIC_CONSTANT = Pattern.compile("Topics\\.([A-Z_]+)\\.name\\(\\)");

    /** A service module's access: its application.properties and the TopicFollowers in src/main/java. */
    static KafkaAccess of(Path module) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(module.resolve("src/main/resources/application.properties"))) {
            properties.load(reader);
        }
        KafkaAccess access = fromProperties(properties);
        try (Stream<Path> sources = Files.walk(module.resolve("src/main/java"))) {
            for (Path source : sources.filter(path -> path.toString().endsWith(".java")).toList()) {
                access.reads().addAll(followed(Files.readString(source)));
            }
        }
        return access;
    }

    static KafkaAccess fromProperties(Properties properties) {
        KafkaAccess access = new KafkaAccess(new TreeSet<>(), new TreeSet<>(), new TreeSet<>());
        String connectorGroup = properties.getProperty("mp.messaging.connector.smallrye-kafka.group.id");
        for (String key : properties.stringPropertyNames()) {
            Matcher channel = CHANNEL.matcher(key);
            if (!channel.matches() || !"smallrye-kafka".equals(properties.getProperty(key))) {
                continue;
            }
            String prefix = "mp.messaging." + channel.group(1) + "." + channel.group(2) + ".";
            String topics = properties.getProperty(prefix + "topics",
                    properties.getProperty(prefix + "topic", channel.group(2)));
            if (channel.group(1).equals("outgoing")) {
                access.writes().add(topics);
                continue;
            }
            for (String topic : topics.split(",")) {
                access.reads().add(topic.trim());
            }
            String group = properties.getProperty(prefix + "group.id", connectorGroup);
            if (group == null) {
                throw new IllegalStateException(prefix + " joins the group named after the application: name it");
            }
            access.groups().add(group);
            if ("dead-letter-queue".equals(properties.getProperty(prefix + "failure-strategy"))) {
                // SmallRye's default dead-letter topic is named after the channel's topic
                access.writes().add(properties.getProperty(prefix + "dead-letter-queue.topic",
                        "dead-letter-topic-" + topics));
            }
        }
        return access;
    }

    /** The topics the TopicFollowers created in a Java source read. */
    static Set<String> followed(String source) {
        Set<String> topics = new TreeSet<>();
        Matcher follower = FOLLOWER.matcher(source);
        while (follower.find()) {
            Matcher constant = TOPIC_CONSTANT.matcher(follower.group(1));
            boolean any = false;
            while (constant.find()) {
                topics.add(topic(constant.group(1)));
                any = true;
            }
            if (!any) {
                throw new IllegalStateException("a TopicFollower whose topics are not Topics constants: "
                        + follower.group());
            }
        }
        return topics;
    }

    /** Topic name to the Kafka operations on it, as a KafkaUser's ACLs would list them (Read, Write). */
    Map<String, Set<String>> topicOperations() {
        Map<String, Set<String>> operations = new TreeMap<>();
        reads.forEach(topic -> operations.computeIfAbsent(topic, key -> new TreeSet<>()).add("Read"));
        writes.forEach(topic -> operations.computeIfAbsent(topic, key -> new TreeSet<>()).add("Write"));
        return operations;
    }

    private static String topic(String constant) {
        try {
            Field field = Topics.class.getField(constant);
            if (!Modifier.isStatic(field.getModifiers()) || !(field.get(null) instanceof Topic topic)) {
                throw new IllegalStateException("Topics." + constant + " is not a topic");
            }
            return topic.name();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("no topic Topics." + constant, e);
        }
    }
}

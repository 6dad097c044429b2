package ai.darwin.events;

/**
 * A Darwin topic.
 *
 * @param name       the Kafka topic name
 * @param partitions partitions it is created with
 * @param key        what its record keys are; records with the same key keep their order
 */
public record Topic(String name, int partitions, String key) {
}

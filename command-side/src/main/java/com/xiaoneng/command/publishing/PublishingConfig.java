package com.xiaoneng.command.publishing;

import com.xiaoneng.events.Bounds;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.Map;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PublishingProperties.class)
@ConditionalOnProperty(prefix = "xiaoneng.publishing", name = "enabled", havingValue = "true", matchIfMissing = true)
public class PublishingConfig {
    /**
     * The producer's max.request.size: the contract's largest envelope ({@link Bounds#MAX_EVENT_BYTES}, which
     * {@link EventRecords} enforces first) plus its key (a case id, at most 255 characters of UTF-8) and the
     * record and batch headers (under 100 bytes). The topic's max.message.bytes must be at least this much
     * (Kafka's default is 1 MiB). A request carries fewer batches than with the 1 MiB default; with batch.size
     * 16 KiB that is still four full batches, and the number of requests is not what bounds the publisher
     * (docs/BENCHMARKS.md, publisher experiments).
     */
    public static final int MAX_REQUEST_BYTES = Bounds.MAX_EVENT_BYTES + 1024;

    @Bean(destroyMethod = "close")
    Producer<String, byte[]> caseEventProducer(PublishingProperties properties) {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, properties.bootstrapServers(),
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                // one request at a time per broker: a batch the broker refuses as too large is split and sent
                // again at the head of its partition, but with five in flight the events behind it had landed
                // already (KafkaPublisherTest saw a case's 2, 3 before its 0, 1)
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, MAX_REQUEST_BYTES,
                ProducerConfig.CLIENT_ID_CONFIG, "command-side-publisher"),
                new StringSerializer(), new ByteArraySerializer());
    }

    @Bean
    Pseudonymizer pseudonymizer(PublishingProperties properties) {
        return Pseudonymizer.from(properties);
    }

    @Bean
    EventRecords eventRecords(PublishingProperties properties, Pseudonymizer pseudonymizer) {
        return new EventRecords(properties.topic(), pseudonymizer);
    }

    @Bean
    SetAsideStore setAsideStore(JdbcTemplate jdbc) {
        return new SetAsideStore(jdbc);
    }

    @Bean
    KafkaPublisher kafkaPublisher(Producer<String, byte[]> producer, EventRecords records, SetAsideStore setAside,
                                  JdbcTemplate jdbc) {
        return new KafkaPublisher(producer, records, setAside, jdbc);
    }

    /**
     * A failed send must stop the processor and retry, never skip the event (Axon's default logs and skips);
     * the publisher itself sets aside the records that are refused for good. The processor's mode, batch size and
     * segments are in application.yml (axon.eventhandling.processors.kafka-publisher): the auto-configuration
     * registers the processor from there, and a processor configuration registered here would be ignored.
     */
    @Bean
    ConfigurerModule kafkaPublisherErrorHandling() {
        return configurer -> configurer.eventProcessing()
                .registerListenerInvocationErrorHandler(KafkaPublisher.PROCESSING_GROUP, c -> PropagatingErrorHandler.instance());
    }
}

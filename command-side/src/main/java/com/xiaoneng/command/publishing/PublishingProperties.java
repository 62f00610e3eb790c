package com.xiaoneng.command.publishing;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.nio.file.Path;

/**
 * xiaoneng.publishing.*: where stored events go and how applicants are pseudonymized.
 *
 * @param pseudonymSecret  HMAC key for applicant pseudonyms; when blank, a random key is created once
 *                         in {@code pseudonymKeyFile} so pseudonyms stay stable across restarts
 */
@ConfigurationProperties(prefix = "xiaoneng.publishing")
public record PublishingProperties(Boolean enabled, String bootstrapServers, String topic, String pseudonymSecret,
                                   Path pseudonymKeyFile) {
    public PublishingProperties {
        enabled = enabled == null || enabled;
        bootstrapServers = bootstrapServers == null ? "127.0.0.1:9092" : bootstrapServers;
        topic = topic == null ? "case-events" : topic;
        pseudonymKeyFile = pseudonymKeyFile == null ? Path.of("data", "pseudonym.key") : pseudonymKeyFile;
    }
}

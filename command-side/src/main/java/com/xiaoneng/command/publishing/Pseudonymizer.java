package com.xiaoneng.command.publishing;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;

/** Keyed pseudonyms (HMAC-SHA256) for applicant identities leaving the command side (Art. 31). */
public final class Pseudonymizer {
    private final SecretKeySpec key;

    public Pseudonymizer(byte[] secret) {
        if (secret.length < 16) {
            throw new IllegalArgumentException("the pseudonym secret must have at least 16 bytes");
        }
        this.key = new SecretKeySpec(secret, "HmacSHA256");
    }

    public static Pseudonymizer from(PublishingProperties properties) {
        if (properties.pseudonymSecret() != null && !properties.pseudonymSecret().isBlank()) {
            return new Pseudonymizer(properties.pseudonymSecret().getBytes(StandardCharsets.UTF_8));
        }
        return new Pseudonymizer(keyFile(properties.pseudonymKeyFile()));
    }

    public String pseudonym(String applicantId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(applicantId.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] keyFile(Path file) {
        try {
            if (!Files.exists(file)) {
                byte[] secret = new byte[32];
                new SecureRandom().nextBytes(secret);
                Files.createDirectories(file.toAbsolutePath().getParent());
                Files.write(file, HexFormat.of().formatHex(secret).getBytes(StandardCharsets.US_ASCII));
                try {
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException ignored) {
                    // not a POSIX file system: the directory's permissions apply
                }
            }
            return HexFormat.of().parseHex(Files.readString(file).strip());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the pseudonym key " + file, e);
        }
    }
}

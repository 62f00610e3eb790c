package com.xiaoneng.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

/** Generated passwords of the local services, each kept in its own file readable by its owner only. */
public final class Secrets {

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final SecureRandom RANDOM = new SecureRandom();

    private Secrets() {
    }

    /**
     * A password read from {@code file}, or generated and written there (mode 600) when the file is missing.
     *
     * @param created whether this call generated it (a service may then have to be told the new password)
     */
    public record Password(String value, boolean created) {
        @Override
        public String toString() {
            // never in a log line by accident
            return "Password[****]";
        }
    }

    public static Password password(Path file) {
        try {
            if (Files.exists(file)) {
                ownerOnly(file);
                String value = Files.readString(file, StandardCharsets.US_ASCII).strip();
                if (value.isEmpty()) {
                    throw new IllegalStateException(file + " is empty; delete it to have a new password generated");
                }
                return new Password(value, false);
            }
            Files.createDirectories(file.toAbsolutePath().getParent());
            String value = generate();
            try {
                // created with its final permissions, so it is never readable by others, not even briefly
                Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            } catch (UnsupportedOperationException e) {
                Files.createFile(file);
            } catch (FileAlreadyExistsException e) {
                return password(file);
            }
            Files.writeString(file, value + "\n", StandardCharsets.US_ASCII);
            return new Password(value, true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the password file " + file, e);
        }
    }

    /** 24 random bytes, URL-safe Base64: no quote, colon or slash to escape in URLs, SQL or config files. */
    static String generate() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static void ownerOnly(Path file) throws IOException {
        try {
            if (!Files.getPosixFilePermissions(file).equals(OWNER_ONLY)) {
                Files.setPosixFilePermissions(file, OWNER_ONLY);
            }
        } catch (UnsupportedOperationException ignored) {
            // not a POSIX file system: the directory's permissions apply
        }
    }
}

package ai.darwin.events;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 as the contract carries it: lower-case hex. A variant's {@code sourceSha256} is {@link #of(String)} of its
 * source (its UTF-8 bytes); a dataset's {@code sha256} is {@link #of(Path)} of its file.
 */
public final class Sha256 {

    private Sha256() {
    }

    /** @return the hex SHA-256 of the text's UTF-8 bytes */
    public static String of(String text) {
        return hex(digest(text));
    }

    /** @return the SHA-256 of the text's UTF-8 bytes, for a caller that needs the bits (a seed, a cache key) */
    public static byte[] digest(String text) {
        return newDigest().digest(text.getBytes(StandardCharsets.UTF_8));
    }

    /** @return the hex SHA-256 of a file's bytes, read in blocks */
    public static String of(Path file) throws IOException {
        MessageDigest digest = newDigest();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            for (int read = in.read(buffer); read > 0; read = in.read(buffer)) {
                digest.update(buffer, 0, read);
            }
        }
        return hex(digest.digest());
    }

    /** A fresh digest, for bytes that stream past (a download); {@link #hex} formats its result. */
    public static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    public static String hex(byte[] digest) {
        return HexFormat.of().formatHex(digest);
    }
}

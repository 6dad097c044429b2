package ai.darwin.mutation.program;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Hex SHA-256 of a text's UTF-8 bytes, as the contract's {@code sourceSha256}. */
public final class Sha256 {

    private Sha256() {
    }

    public static String of(String text) {
        return HexFormat.of().formatHex(digest(text));
    }

    public static byte[] digest(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}

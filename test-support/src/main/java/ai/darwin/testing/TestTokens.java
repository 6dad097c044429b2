package ai.darwin.testing;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.Set;

/**
 * Signed bearer tokens for tests, made the way an identity provider makes them: an RS256 JWT with the issuer the
 * services expect, the caller's name as {@code upn} and its roles as {@code groups}. Signed with the test key pair in
 * {@code darwin-test-jwt/} (never a deployment's key).
 */
public final class TestTokens {

    /** The issuer the services accept ({@code mp.jwt.verify.issuer}). */
    public static final String ISSUER = "darwin";
    /** Where the public half lies on the test classpath. */
    public static final String PUBLIC_KEY = "darwin-test-jwt/publicKey.pem";
    private static final String PRIVATE_KEY = "darwin-test-jwt/privateKey.pem";

    private TestTokens() {
    }

    /** A token for {@code name} with exactly these roles, valid for an hour. */
    public static String of(String name, String... roles) {
        return Jwt.issuer(ISSUER).upn(name).subject(name).groups(Set.of(roles))
                .expiresIn(Duration.ofHours(1)).sign(privateKey());
    }

    /** {@code Bearer <token>}, for an Authorization header. */
    public static String bearer(String name, String... roles) {
        return "Bearer " + of(name, roles);
    }

    /** A well-formed token that no service trusts: signed by a key pair made for this call. */
    public static String forged(String name, String... roles) {
        try {
            PrivateKey stranger = KeyUtils.generateKeyPair(2048).getPrivate();
            return Jwt.issuer(ISSUER).upn(name).groups(Set.of(roles)).expiresIn(Duration.ofHours(1)).sign(stranger);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A token that was valid but has expired. */
    public static String expired(String name, String... roles) {
        long past = System.currentTimeMillis() / 1000 - 7200;
        return Jwt.issuer(ISSUER).upn(name).groups(Set.of(roles)).issuedAt(past).expiresAt(past + 60)
                .sign(privateKey());
    }

    /** Writes the public key to {@code file}, for a service started as its own process. */
    public static Path writePublicKey(Path file) {
        try (InputStream in = TestTokens.class.getClassLoader().getResourceAsStream(PUBLIC_KEY)) {
            Files.writeString(file, new String(in.readAllBytes(), StandardCharsets.US_ASCII));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static PrivateKey privateKey() {
        try {
            return KeyUtils.readPrivateKey(PRIVATE_KEY);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}

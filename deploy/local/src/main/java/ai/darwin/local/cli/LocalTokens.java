package ai.darwin.local.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The local deployment's identity, made at the first {@code ./darwin run} the way Jupyter makes its token: an RSA key
 * pair whose public half the services verify tokens with, and an operator token signed with the private half, all
 * under {@code DARWIN_HOME/security} readable by this user only. The token is an RS256 JWT like an identity provider's
 * (issuer {@value #ISSUER}, the user's name as {@code upn}, role {@code operator} in {@code groups}), so the services
 * need nothing local-only: production configures its provider's key instead.
 */
final class LocalTokens {

    /** The issuer the services expect by default ({@code DARWIN_JWT_ISSUER}). */
    static final String ISSUER = "darwin";
    /** A local operator token lasts a year; a later run signs a new one when it has run out. */
    static final Duration LIFETIME = Duration.ofDays(365);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

    private final Path folder;

    LocalTokens(Path home) {
        this.folder = home.resolve("security");
    }

    /** The PEM file the services read ({@code DARWIN_JWT_PUBLIC_KEY_LOCATION}). */
    Path publicKey() {
        return folder.resolve("jwt-public.pem");
    }

    Path privateKey() {
        return folder.resolve("jwt-private.pem");
    }

    Path operatorToken() {
        return folder.resolve("operator.token");
    }

    /** Makes the key pair and the operator token unless they exist; returns the token. */
    String ensure(String user) throws IOException, GeneralSecurityException {
        if (!Files.exists(privateKey()) || !Files.exists(publicKey())) {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            createPrivateFolder();
            writePrivately(privateKey(), pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            writePrivately(publicKey(), pem("PUBLIC KEY", pair.getPublic().getEncoded()));
            Files.deleteIfExists(operatorToken());
        }
        if (Files.exists(operatorToken())) {
            String token = Files.readString(operatorToken()).trim();
            if (expiresAt(token).isAfter(Instant.now().plus(Duration.ofDays(1)))) {
                return token;
            }
        }
        String token = sign(user, List.of("operator"), Instant.now());
        writePrivately(operatorToken(), token + "\n");
        return token;
    }

    /** An RS256 JWT for {@code user} with these roles, signed with the local private key. */
    String sign(String user, List<String> roles, Instant issuedAt) throws IOException, GeneralSecurityException {
        Map<String, Object> header = Map.of("alg", "RS256", "typ", "JWT");
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", ISSUER);
        claims.put("sub", user);
        claims.put("upn", user);
        claims.put("groups", roles);
        claims.put("iat", issuedAt.getEpochSecond());
        claims.put("exp", issuedAt.plus(LIFETIME).getEpochSecond());
        claims.put("jti", UUID.randomUUID().toString());
        String signed = URL.encodeToString(JSON.writeValueAsBytes(header)) + "."
                + URL.encodeToString(JSON.writeValueAsBytes(claims));
        Signature signature = Signature.getInstance("SHA256withRSA");
        signature.initSign(readPrivateKey());
        signature.update(signed.getBytes(StandardCharsets.US_ASCII));
        return signed + "." + URL.encodeToString(signature.sign());
    }

    static Instant expiresAt(String token) throws IOException {
        String[] parts = token.split("\\.");
        if (parts.length != 3) {
            return Instant.EPOCH;
        }
        return Instant.ofEpochSecond(JSON.readTree(Base64.getUrlDecoder().decode(parts[1])).path("exp").asLong());
    }

    private PrivateKey readPrivateKey() throws IOException, GeneralSecurityException {
        String base64 = Files.readString(privateKey()).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }

    private void createPrivateFolder() throws IOException {
        Files.createDirectories(folder);
        try {
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
        } catch (UnsupportedOperationException notPosix) {
            // a file system without POSIX permissions (Windows): its ACLs already limit the user's home
        }
    }

    /** Creates the file with owner-only permissions before writing, so that the secret is never readable by others. */
    private static void writePrivately(Path file, String content) throws IOException {
        Files.deleteIfExists(file);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(file);
        }
        Files.writeString(file, content);
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}

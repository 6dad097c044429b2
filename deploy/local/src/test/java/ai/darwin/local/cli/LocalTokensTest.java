package ai.darwin.local.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalTokensTest {

    @TempDir
    Path home;

    @Test
    void theFirstRunMakesAKeyPairAndAnOperatorTokenOnlyTheUserCanRead() throws Exception {
        LocalTokens tokens = new LocalTokens(home);

        String token = tokens.ensure("ada");

        for (Path secret : List.of(tokens.privateKey(), tokens.publicKey(), tokens.operatorToken())) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secret))).as(secret.toString())
                    .isEqualTo("rw-------");
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve("security"))))
                .isEqualTo("rwx------");
        assertThat(Files.readString(tokens.operatorToken()).trim()).isEqualTo(token);
        assertThat(tokens.ensure("ada")).as("a later run reuses it").isEqualTo(token);
    }

    @Test
    void theServicesVerifierAcceptsTheTokenAsAnOperatorsAndRejectsOneFromAnotherKey() throws Exception {
        LocalTokens tokens = new LocalTokens(home);
        String token = tokens.ensure("ada");

        JsonWebToken jwt = parser().parse(token, context(tokens.publicKey()));

        assertThat(jwt.getName()).isEqualTo("ada");
        assertThat(jwt.getGroups()).containsExactly("operator");
        assertThat(jwt.getIssuer()).isEqualTo(LocalTokens.ISSUER);

        LocalTokens other = new LocalTokens(home.resolve("elsewhere"));
        other.ensure("mallory");
        assertThatThrownBy(() -> parser().parse(token, context(other.publicKey()))).isInstanceOf(ParseException.class);
    }

    @Test
    void anExpiredTokenIsReplacedAndANewKeyPairInvalidatesTheOldToken() throws Exception {
        LocalTokens tokens = new LocalTokens(home);
        String first = tokens.ensure("ada");
        String stale = tokens.sign("ada", List.of("operator"), Instant.now().minus(LocalTokens.LIFETIME));
        Files.writeString(tokens.operatorToken(), stale);

        String renewed = tokens.ensure("ada");

        assertThat(renewed).isNotEqualTo(stale).isNotEqualTo(first);
        assertThat(LocalTokens.expiresAt(renewed)).isAfter(Instant.now().plus(LocalTokens.LIFETIME).minusSeconds(60));

        Files.delete(tokens.privateKey());
        String fresh = tokens.ensure("ada");
        assertThatThrownBy(() -> parser().parse(renewed, context(tokens.publicKey())))
                .isInstanceOf(ParseException.class);
        assertThat(parser().parse(fresh, context(tokens.publicKey())).getName()).isEqualTo("ada");
    }

    private static DefaultJWTParser parser() {
        return new DefaultJWTParser();
    }

    /** As the services are configured: the key's file path as the location, the issuer Darwin's. */
    private static JWTAuthContextInfo context(Path publicKey) {
        return new JWTAuthContextInfo(publicKey.toString(), LocalTokens.ISSUER);
    }
}

package ai.darwin.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The digest every service puts in {@code sourceSha256} and checks a dataset against. */
class Sha256Test {

    /** FIPS 180-2's test vector for "abc". */
    static final String ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    @Test
    void aTextsDigestIsLowerCaseHexOfItsUtf8Bytes() {
        assertThat(Sha256.of("abc")).isEqualTo(ABC);
        assertThat(Sha256.of("é")).isEqualTo(Sha256.hex(Sha256.newDigest().digest("é".getBytes(StandardCharsets.UTF_8))));
        assertThat(Sha256.digest("abc")).hasSize(32);
    }

    @Test
    void aFileHasTheDigestOfItsBytesHoweverLong(@TempDir Path dir) throws Exception {
        Path small = Files.writeString(dir.resolve("abc.txt"), "abc");
        assertThat(Sha256.of(small)).isEqualTo(ABC);

        String large = "0123456789abcdef".repeat(10_000);
        Path file = Files.writeString(dir.resolve("large.txt"), large);
        assertThat(Sha256.of(file)).isEqualTo(Sha256.of(large));
    }
}

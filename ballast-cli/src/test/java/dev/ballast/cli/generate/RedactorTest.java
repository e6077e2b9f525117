package dev.ballast.cli.generate;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RedactorTest {
    private static final String KEY = "sk-test/SECRET-0123456789abcdef";
    private final Redactor redactor = new Redactor(KEY);

    @Test
    void redactsTheKeyInEveryEscapedFormAnEchoMayUse() {
        String[] echoes = {
                KEY,
                "sk\\u002dtest/SECRET-0123456789abcdef",            // JSON escape, as left by reading a JSON string once
                "sk\\u002Dtest\\/SECRET\\u002d0123456789abcdef",     // upper-case hex and JSON's escaped slash
                "sk\\\\u002dtest/SECRET-0123456789abcdef",          // JSON inside a JSON string
                "sk\\x2dtest/SECRET-0123456789abcdef",
                "sk%2Dtest%2FSECRET%2d0123456789abcdef",            // URL-encoded
                "sk%252Dtest/SECRET-0123456789abcdef",              // URL-encoded twice
                "sk&#45;test&#x2F;SECRET-0123456789abcdef",         // HTML character references
                "\\u0073\\u006b\\u002d\\u0074\\u0065\\u0073\\u0074\\u002f\\u0053\\u0045\\u0043\\u0052\\u0045\\u0054\\u002d"
                        + "%30%31%32%33%34%35%36%37%38%39%61%62%63%64%65%66",   // every character escaped, two ways
        };
        for (String echo : echoes) {
            String text = "Incorrect API key provided: " + echo + ". Check it.";
            assertThat(redactor.reveals(text)).as(echo).isTrue();
            assertThat(redactor.clean(text)).as(echo).isEqualTo("Incorrect API key provided: " + Redactor.MARK + ". Check it.");
        }
    }

    @Test
    void leavesEverythingElseAsItWas() {
        String json = "{\"message\":\"a \\u0022quoted\\u0022 %20 &#45; sk-test/SECRET-012345678 (a prefix only)\"}";
        assertThat(redactor.clean(json)).isEqualTo(json);
        assertThat(redactor.reveals(json)).isFalse();
        assertThat(new Redactor(null).clean(json)).isEqualTo(json);
        assertThat(redactor.clean("$1 \\ " + KEY + " $2")).isEqualTo("$1 \\ " + Redactor.MARK + " $2");
    }
}

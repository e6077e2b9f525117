package dev.ballast.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TerminalTextTest {

    @Test
    void escapesEscapeSequencesAndOtherC0Controls() {
        assertThat(TerminalText.safe("a\u001b]0;pwned\u0007\u001b[2Jb\r\n\t\u0000"))
                .isEqualTo("a\\u001B]0;pwned\\u0007\\u001B[2Jb\\u000D\\u000A\\u0009\\u0000");
    }

    @Test
    void escapesDelC1ControlsLineSeparatorsAndBidiOverrides() {
        assertThat(TerminalText.safe("x\u007f\u0085\u009b31m\u2028\u2029\u202e\u2066\u200f\u061cy"))
                .isEqualTo("x\\u007F\\u0085\\u009B31m\\u2028\\u2029\\u202E\\u2066\\u200F\\u061Cy");
    }

    @Test
    void keepsPrintableTextOfEveryScriptUnchanged() {
        String text = "Zürich 東京 € 😀 SYM.A-1/B";
        assertThat(TerminalText.safe(text)).isSameAs(text);
    }

    @Test
    void safeLinesKeepsLineFeedsAndTabsButNotCarriageReturns() {
        assertThat(TerminalText.safeLines("one\n\ttwo\r\u001b[A")).isEqualTo("one\n\ttwo\\u000D\\u001B[A");
    }

    @Test
    void nullPrintsAsNull() {
        assertThat(TerminalText.safe(null)).isEqualTo("null");
    }
}

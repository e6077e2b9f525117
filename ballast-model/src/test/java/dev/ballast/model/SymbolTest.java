package dev.ballast.model;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SymbolTest {
    @ParameterizedTest
    @ValueSource(strings = {"SYM\u001b[2J", "A\u0007", "B\u009b1m", "C\u202eD", "E\u200bF", "G\u007f"})
    void refusesControlAndFormatCharactersNamingTheCodePointNotTheCharacter(String value) {
        assertThatThrownBy(() -> Symbol.of(value))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("control character U+")
                .satisfies(e -> assertThat(e.getMessage().chars().noneMatch(Character::isISOControl)).isTrue());
    }

    @ParameterizedTest
    @ValueSource(strings = {"AAPL", "BTC-USD", "ESZ6", "BRK.B", "7203.T"})
    void acceptsOrdinaryIdentifiers(String value) {
        assertThat(Symbol.of(value).value()).isEqualTo(value);
    }
}

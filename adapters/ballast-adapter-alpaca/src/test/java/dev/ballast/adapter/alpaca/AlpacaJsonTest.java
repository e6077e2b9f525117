package dev.ballast.adapter.alpaca;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ballast.model.Price;
import dev.ballast.model.Quantity;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AlpacaJsonTest {

    @Test
    void decimalTextIsReadIntoFixedPointExactly() {
        JsonNode node = AlpacaJson.parse("{\"price\":\"187.2345\",\"qty\":\"0.00000001\"}");
        assertThat(AlpacaJson.requiredPrice(node, "price").raw()).isEqualTo(18_723_450_000L);
        assertThat(AlpacaJson.requiredQuantity(node, "qty").raw()).isEqualTo(1L);
    }

    @Test
    void aBareJsonNumberIsReadFromItsTextNotThroughADouble() {
        // 0.1 + 0.2 style values and long fractions that a double would round.
        JsonNode node = AlpacaJson.parse("{\"price\":187.2345,\"qty\":12345678.12345678}");
        assertThat(AlpacaJson.requiredPrice(node, "price")).isEqualTo(Price.of("187.2345"));
        assertThat(AlpacaJson.requiredQuantity(node, "qty")).isEqualTo(Quantity.of("12345678.12345678"));
    }

    @Test
    void aFieldThatIsNotADecimalIsRefusedNamingIt() {
        JsonNode node = AlpacaJson.parse("{\"price\":\"1e3\"}");
        assertThatThrownBy(() -> AlpacaJson.requiredPrice(node, "price"))
                .isInstanceOf(AlpacaProtocolException.class).hasMessageContaining("'price' = '1e3'");
        assertThatThrownBy(() -> AlpacaJson.requiredPrice(node, "qty"))
                .isInstanceOf(AlpacaProtocolException.class).hasMessageContaining("no 'qty'");
    }
}

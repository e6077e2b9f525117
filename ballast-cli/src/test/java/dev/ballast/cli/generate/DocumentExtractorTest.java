package dev.ballast.cli.generate;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DocumentExtractorTest {
    @Test
    void takesTheYamlBlock() {
        assertThat(DocumentExtractor.extract("Sure!\n```\nnot this\n```\n```yaml\nid: a\n```\nEnjoy")).isEqualTo("id: a\n");
    }

    @Test
    void takesAJsonBlock() {
        assertThat(DocumentExtractor.extract("```json\n{\"id\": \"a\"}\n```")).isEqualTo("{\"id\": \"a\"}\n");
    }

    @Test
    void takesAnUnmarkedBlockWhenThereIsNoMarkedOne() {
        assertThat(DocumentExtractor.extract("```\nid: a\n```")).isEqualTo("id: a\n");
    }

    @Test
    void takesTheWholeAnswerWithoutFences() {
        assertThat(DocumentExtractor.extract("  version: 1\nid: a  \n")).isEqualTo("version: 1\nid: a\n");
    }

    @Test
    void nothingInABlankAnswer() {
        assertThat(DocumentExtractor.extract(" \n")).isNull();
    }
}

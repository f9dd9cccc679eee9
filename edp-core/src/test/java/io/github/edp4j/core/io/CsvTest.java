package io.github.edp4j.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shared CSV row writer and reader: RFC 4180 quoting, round trips, and the errors. */
class CsvTest {

    @Test
    void quotesOnlyCellsThatNeedIt() {
        assertEquals("iteration,policy_loss,1.5e-05,", Csv.formatRow(List.of("iteration", "policy_loss", "1.5e-05", "")));
        assertEquals("\"a,b\",\"say \"\"hi\"\"\",\" padded \"", Csv.formatRow(List.of("a,b", "say \"hi\"", " padded ")));
        assertEquals("", Csv.formatRow(List.of()));
    }

    @Test
    void readsWhatItWrites() {
        List<List<String>> rows = List.of(List.of("x"), List.of("", "", ""), List.of("a,b", "\"", "\"\"", " s ", "plain"),
                List.of("normalized score", "critic, twin", "q \"mean\""));
        for (List<String> row : rows) {
            assertEquals(row, Csv.parseRow(Csv.formatRow(row)), row.toString());
        }
    }

    @Test
    void readsTheLenientForms() {
        assertEquals(Arrays.asList("a", "b c", ""), Csv.parseRow("a,  \"b c\","));
        assertEquals(List.of(""), Csv.parseRow(""));
        assertEquals(List.of("1", "2.5", "nan"), Csv.parseRow("1,2.5,nan"));
    }

    @Test
    void rejectsWhatNoLineReaderCouldSplit() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Csv.formatRow(List.of("ok", "two\nlines")));
        assertEquals("CSV cell 2 contains a line break: 'two\\nlines'", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Csv.formatRow(Arrays.asList("ok", null)));
        assertEquals("CSV cell 2 is null", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Csv.parseRow("a,\"open"));
        assertEquals("a quoted field is not closed", e.getMessage());
    }
}

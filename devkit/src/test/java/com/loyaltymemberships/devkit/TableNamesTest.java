package com.loyaltymemberships.devkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TableNamesTest {
    @Test
    void namesAreUniqueAndValid() {
        Set<String> names = IntStream.range(0, 1000)
                .mapToObj(i -> TableNames.unique("orders.v1_x"))
                .collect(Collectors.toSet());

        assertEquals(1000, names.size());
        assertTrue(
                names.stream().allMatch(name -> name.matches("orders\\.v1_x-[A-Za-z0-9_.-]+") && name.length() <= 255),
                names::toString);
    }

    @Test
    void prefixesThatCannotMakeATableNameAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> TableNames.unique(""));
        assertThrows(IllegalArgumentException.class, () -> TableNames.unique("no spaces"));
        assertThrows(IllegalArgumentException.class, () -> TableNames.unique("x".repeat(250)));
    }
}

package com.loyaltymemberships.devkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class ItemSizeTest {
    @Test
    void namesAndStringsCountTheirUtf8Bytes() {
        // "É" and "é" are two bytes in UTF-8, "€" three.
        assertEquals(3 + 5, ItemSize.of(Map.of("nÉ", AttributeValue.fromS("é€"))));
    }

    @Test
    void numbersCountOneBytePerTwoSignificantDigitsPlusOne() {
        assertEquals(1, ItemSize.number("0"));
        assertEquals(2, ItemSize.number("7"));
        assertEquals(2, ItemSize.number("12"));
        assertEquals(3, ItemSize.number("123"));
        // Sign, point, exponent and leading or trailing zeros are not significant.
        assertEquals(4, ItemSize.number("-00123.4500"));
        assertEquals(2, ItemSize.number("1E+10"));
        assertEquals(20, ItemSize.number("12345678901234567890123456789012345678"));
    }

    @Test
    void binaryCountsItsBytesAndBooleansAndNullOneByte() {
        assertEquals(5, ItemSize.of(AttributeValue.fromB(SdkBytes.fromByteArray(new byte[5]))));
        assertEquals(1, ItemSize.of(AttributeValue.fromBool(true)));
        assertEquals(1, ItemSize.of(AttributeValue.fromNul(true)));
    }

    @Test
    void setsCountTheirElements() {
        assertEquals(5, ItemSize.of(AttributeValue.fromSs(List.of("ab", "cde"))));
        assertEquals(2 + 3, ItemSize.of(AttributeValue.fromNs(List.of("1", "123"))));
        assertEquals(
                3,
                ItemSize.of(AttributeValue.fromBs(
                        List.of(SdkBytes.fromByteArray(new byte[1]), SdkBytes.fromByteArray(new byte[2])))));
    }

    @Test
    void listsAndMapsAddThreeBytesPlusOnePerElement() {
        assertEquals(3, ItemSize.of(AttributeValue.fromL(List.of())));
        assertEquals(
                3 + (2 + 1) + (1 + 1),
                ItemSize.of(AttributeValue.fromL(List.of(AttributeValue.fromS("ab"), AttributeValue.fromBool(false)))));
        assertEquals(3 + (1 + 2 + 1), ItemSize.of(AttributeValue.fromM(Map.of("k", AttributeValue.fromS("vv")))));
        // Nested: the inner list is an element of the outer map.
        assertEquals(
                3 + (1 + (3 + 1 + 1) + 1),
                ItemSize.of(AttributeValue.fromM(
                        Map.of("k", AttributeValue.fromL(List.of(AttributeValue.fromNul(true)))))));
    }
}

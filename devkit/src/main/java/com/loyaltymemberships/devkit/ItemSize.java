package com.loyaltymemberships.devkit;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * DynamoDB's documented item size rules (Developer Guide, "Item sizes and formats"): attribute names and strings
 * count their UTF-8 bytes, binary its bytes, a number about one byte per two significant digits plus one, booleans
 * and null one byte, and a list or map three bytes plus one byte per element on top of its elements.
 */
public final class ItemSize {
    private ItemSize() {}

    /** The item's size in bytes, as DynamoDB counts it for capacity units and the 400 KB limit. */
    public static long of(Map<String, AttributeValue> item) {
        long size = 0;
        for (Map.Entry<String, AttributeValue> attribute : item.entrySet()) {
            size += utf8(attribute.getKey()) + of(attribute.getValue());
        }
        return size;
    }

    static long of(AttributeValue value) {
        switch (value.type()) {
            case S:
                return utf8(value.s());
            case N:
                return number(value.n());
            case B:
                return bytes(value.b());
            case SS:
                return value.ss().stream().mapToLong(ItemSize::utf8).sum();
            case NS:
                return value.ns().stream().mapToLong(ItemSize::number).sum();
            case BS:
                return value.bs().stream().mapToLong(ItemSize::bytes).sum();
            case BOOL:
            case NUL:
                return 1;
            case L:
                return 3
                        + value.l().stream()
                                .mapToLong(element -> of(element) + 1)
                                .sum();
            case M:
                return 3
                        + value.m().entrySet().stream()
                                .mapToLong(entry -> utf8(entry.getKey()) + of(entry.getValue()) + 1)
                                .sum();
            default:
                // An AttributeValue with no value set; AWS rejects it, and it adds nothing to the item.
                return 0;
        }
    }

    static long utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    /** Leading and trailing zeros, sign, point and exponent are not significant digits. */
    static long number(String number) {
        String mantissa =
                number.split("[eE]")[0].replace("-", "").replace("+", "").replace(".", "");
        String significant = mantissa.replaceAll("^0+", "").replaceAll("0+$", "");
        return (significant.length() + 1) / 2 + 1;
    }

    private static long bytes(SdkBytes bytes) {
        return bytes.asByteArrayUnsafe().length;
    }
}

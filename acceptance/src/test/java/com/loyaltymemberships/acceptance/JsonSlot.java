package com.loyaltymemberships.acceptance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A place in a request body that holds a value: a property of an object, or an item of an array. Its path reads as
 * the service's messages write it ({@code LoyaltyMemberships[0].Points}), and its name is the property the service
 * names in "Invalid {Property}" (for an array item, the array's).
 */
final class JsonSlot {

    private final ContainerNode<?> parent;
    private final String property;
    private final int index;
    final String path;

    private JsonSlot(ContainerNode<?> parent, String property, int index, String path) {
        this.parent = parent;
        this.property = property;
        this.index = index;
        this.path = path;
    }

    /** Every slot of the body, each container before what it holds. */
    static List<JsonSlot> all(ObjectNode body) {
        List<JsonSlot> slots = new ArrayList<>();
        collect(body, "", slots);
        return slots;
    }

    /** The slot at a path such as {@code LoyaltyMemberships[0].Points}. */
    static JsonSlot at(ObjectNode body, String path) {
        return all(body).stream()
                .filter(s -> s.path.equals(path))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no " + path + " in " + body));
    }

    private static void collect(JsonNode node, String path, List<JsonSlot> slots) {
        if (node instanceof ObjectNode object) {
            for (Map.Entry<String, JsonNode> field : object.properties()) {
                String at = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
                slots.add(new JsonSlot(object, field.getKey(), -1, at));
                collect(field.getValue(), at, slots);
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                String at = path + "[" + i + "]";
                slots.add(new JsonSlot(array, null, i, at));
                collect(array.get(i), at, slots);
            }
        }
    }

    JsonNode value() {
        return property != null ? parent.get(property) : parent.get(index);
    }

    /** The property this slot belongs to: its own name, or for an array item the array's. */
    String name() {
        return nameAt(path);
    }

    /** The property a path ends in: {@code Points} for {@code LoyaltyMemberships[0].Points}, {@code AccountIds} for {@code AccountIds[1]}. */
    static String nameAt(String path) {
        String withoutIndexes = path.replaceAll("\\[\\d+]", "");
        return withoutIndexes.substring(withoutIndexes.lastIndexOf('.') + 1);
    }

    /** Puts raw JSON text here, written as it is, even when it is not valid JSON. */
    void setRaw(String json) {
        set(JsonNodeFactory.instance.rawValueNode(new RawValue(json)));
    }

    void set(JsonNode value) {
        if (property != null) {
            ((ObjectNode) parent).set(property, value);
        } else {
            ((ArrayNode) parent).set(index, value);
        }
    }

    void remove() {
        if (property != null) {
            ((ObjectNode) parent).remove(property);
        } else {
            ((ArrayNode) parent).remove(index);
        }
    }

    /** Renames the property in place (an array item has no name to change). */
    void rename(String name) {
        if (property == null) {
            return;
        }
        ObjectNode object = (ObjectNode) parent;
        Map<String, JsonNode> fields = new LinkedHashMap<>();
        object.properties().forEach(f -> fields.put(f.getKey().equals(property) ? name : f.getKey(), f.getValue()));
        object.removeAll();
        object.setAll(fields);
    }

    /** Puts a copy of this array item right after it (a property has no place for a copy). */
    void repeatItem() {
        if (property == null) {
            ((ArrayNode) parent).insert(index + 1, value().deepCopy());
        }
    }

    /** Adds a second property whose name differs from this one's only in case: a duplicate for a case-insensitive reader. */
    void duplicateInOtherCase() {
        if (property != null && !property.toLowerCase(Locale.ROOT).equals(property)) {
            ((ObjectNode) parent).set(property.toLowerCase(Locale.ROOT), value().deepCopy());
        }
    }
}

package com.loyaltymemberships.contract;
/**
 * Where a value sits in a request body, as the client wrote it: {@code LoyaltyMemberships[2].AccountId}.
 * {@link #property()} is the last property name ({@code AccountId}), which error messages lead with.
 */
public record JsonPath(String property, String path) {

    public static JsonPath of(String property) {
        return new JsonPath(property, property);
    }

    public JsonPath index(int index) {
        return new JsonPath(property, path + "[" + index + "]");
    }

    public JsonPath child(String name) {
        return new JsonPath(name, path + "." + name);
    }

    public boolean isTopLevel() {
        return property.equals(path);
    }

    @Override
    public String toString() {
        return path;
    }
}

package com.loyaltymemberships.validation;

import java.util.Optional;

/** What an update writes into a clearable field: a value, or nothing ({@code {"Value": null}}). */
public record NewValue<T>(Optional<T> value) {

    public static <T> NewValue<T> of(T value) {
        return new NewValue<>(Optional.of(value));
    }

    public static <T> NewValue<T> cleared() {
        return new NewValue<>(Optional.empty());
    }
}

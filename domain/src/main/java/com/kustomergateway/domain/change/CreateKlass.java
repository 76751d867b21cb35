package com.kustomergateway.domain.change;

import com.kustomergateway.domain.ErrorCode;
import com.kustomergateway.domain.Text;
import com.kustomergateway.domain.Violations;
import com.kustomergateway.domain.klass.KlassName;

import java.util.Objects;
import java.util.Optional;

/**
 * Creates a custom Klass. Kustomer's Klass has no description, so the gateway keeps the caller's description with
 * the operation; an empty icon means "no icon".
 */
public record CreateKlass(KlassName name, String displayName, Optional<String> icon, String description)
        implements Change {

    public static final int MAX_DISPLAY_NAME_LENGTH = 255;
    public static final int MAX_ICON_LENGTH = 64;
    public static final int MAX_DESCRIPTION_LENGTH = 10_240;

    public CreateKlass {
        Objects.requireNonNull(name, "name");
        Text.required(displayName, ErrorCode.INVALID_DISPLAY_NAME, "a display name");
        Text.atMost(displayName, MAX_DISPLAY_NAME_LENGTH, ErrorCode.INVALID_DISPLAY_NAME, "the display name");
        icon.ifPresent(i -> Text.atMost(Text.checkCharacters(i), MAX_ICON_LENGTH, ErrorCode.ICON_TOO_LONG, "the icon"));
        Text.atMost(Text.checkCharacters(description), MAX_DESCRIPTION_LENGTH, ErrorCode.DESCRIPTION_TOO_LONG,
                "the description");
    }

    public static CreateKlass of(String name, String displayName, String description, String icon) {
        Violations violations = new Violations();
        KlassName klass = violations.check("name", () -> new KlassName(name));
        violations.check("displayName", () -> Text.atMost(
                Text.required(displayName, ErrorCode.INVALID_DISPLAY_NAME, "a display name"),
                MAX_DISPLAY_NAME_LENGTH, ErrorCode.INVALID_DISPLAY_NAME, "the display name"));
        String text = description == null ? "" : description;
        violations.check("description", () -> Text.atMost(Text.checkCharacters(text), MAX_DESCRIPTION_LENGTH,
                ErrorCode.DESCRIPTION_TOO_LONG, "the description"));
        Optional<String> iconName = Text.isBlank(icon) ? Optional.empty() : Optional.of(icon.strip());
        iconName.ifPresent(i -> violations.check("icon", () -> Text.atMost(Text.checkCharacters(i), MAX_ICON_LENGTH,
                ErrorCode.ICON_TOO_LONG, "the icon")));
        violations.throwIfAny();
        return new CreateKlass(klass, displayName, iconName, text);
    }

    @Override
    public ChangeKind kind() {
        return ChangeKind.CREATE_KLASS;
    }

    @Override
    public ResourceKey resource() {
        return ResourceKey.klass(name);
    }
}

package com.kustomergateway.application.planted;

import io.quarkus.runtime.LaunchMode;

/**
 * A use case that asks Quarkus which mode it runs in, to show the architecture rules catch a framework type in the
 * application. Test code only.
 */
public class FrameworkInAUseCase {

    public boolean inDevMode() {
        return LaunchMode.current() == LaunchMode.DEVELOPMENT;
    }
}

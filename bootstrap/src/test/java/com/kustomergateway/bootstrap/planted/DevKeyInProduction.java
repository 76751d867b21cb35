package com.kustomergateway.bootstrap.planted;

import com.kustomergateway.dev.DevCallers;

/**
 * Gateway code that signs with dev mode's demo key, to show the architecture rules catch it: dev-support is not in
 * the packaged gateway. Test code only.
 */
public class DevKeyInProduction {

    public String issuer() {
        return DevCallers.demo().issuer();
    }
}

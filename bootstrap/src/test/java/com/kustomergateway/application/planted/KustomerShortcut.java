package com.kustomergateway.application.planted;

import com.kustomergateway.domain.port.KustomerPort;

/**
 * A use case that talks to Kustomer itself instead of through its adapter, to show the architecture rules catch it.
 * Test code only; abstract, so it is no bean of the test application.
 */
public abstract class KustomerShortcut implements KustomerPort {
}

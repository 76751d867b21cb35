package com.kustomergateway.domain.port;

/**
 * The pace of every request to Kustomer. The org's budget is shared by all its apps and by every gateway instance,
 * so whoever talks to Kustomer waits here for its turn before each request. What Kustomer's answers say of the
 * budget travels back in the delivery's answer ({@link KustomerPort.Delivery}), for the application to act on.
 */
public interface RequestPacing {

    /** Waits until one more request may go to Kustomer, and takes it from the budget. */
    void acquire() throws InterruptedException;
}

/**
 * Delivering accepted operations to Kustomer: the relay, what it tells followers and the traces
 * it continues.
 */
package com.kustomergateway.application.deliver;

/**
 * What operators do to an operation that went wrong: retry it, cancel it.
 */
package com.kustomergateway.application.repair;

/**
 * How long settled operations are kept, and the purge that forgets older ones.
 */
package com.kustomergateway.application.retain;

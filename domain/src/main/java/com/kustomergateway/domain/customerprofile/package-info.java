/**
 * CustomerProfiles: a Kustomer customer ({@link CustomerId}) whose custom attributes hold its
 * personalization data. What a user does to one is {@code domain.change.UpdateCustomerData}.
 */
package com.kustomergateway.domain.customerprofile;

package io.clientele.customer;

/**
 * What a caller knows of a person, to match against existing customers: any part may be null. The
 * country reads a national phone number (as for a new customer's address country).
 */
public record ContactDetails(String email, String phone, String country, String firstName, String lastName,
                             String addressLine1, String zip) {
    public static ContactDetails of(Customer c) {
        return new ContactDetails(c.email(), c.phoneE164() != null ? c.phoneE164() : c.phone(), c.address().country(),
                c.firstName(), c.lastName(), c.address().line1(), c.address().zip());
    }

    public static ContactDetails of(CustomerDraft d) {
        Address a = d.address() == null ? Address.EMPTY : d.address();
        return new ContactDetails(d.email(), d.phone(), a.country(), d.firstName(), d.lastName(), a.line1(), a.zip());
    }
}

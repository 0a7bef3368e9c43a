package io.clientele.customer.internal;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** Email syntax and phone normalisation rules for customer contact data. */
public final class Contact {
    // Pragmatic address syntax: one @, a local part of safe characters, a dotted domain with a 2+ letter TLD.
    private static final Pattern EMAIL = Pattern.compile(
            "^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
                    + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\\.[A-Za-z]{2,63}$");
    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

    private Contact() {}

    public static boolean isValidEmail(String email) {
        return email != null && EMAIL.matcher(email).matches() && !email.contains("..");
    }

    /** Lower-cased and trimmed: the form customers are matched by. */
    public static String normalizeEmail(String email) {
        return email == null ? null : email.strip().toLowerCase(Locale.ROOT);
    }

    /**
     * The phone in E.164 when it parses as a valid number, reading national numbers in the given
     * country (ISO alpha-2; the address country) or, without one, as international only.
     */
    public static Optional<String> toE164(String phone, String country) {
        if (phone == null || phone.isBlank()) return Optional.empty();
        try {
            String region = country == null ? "ZZ" : country.toUpperCase(Locale.ROOT);
            Phonenumber.PhoneNumber number = PHONES.parse(phone, region);
            if (!PHONES.isValidNumber(number)) return Optional.empty();
            return Optional.of(PHONES.format(number, PhoneNumberUtil.PhoneNumberFormat.E164));
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }

    public static boolean isCountryCode(String country) {
        return country != null && PHONES.getSupportedRegions().contains(country.toUpperCase(Locale.ROOT));
    }
}

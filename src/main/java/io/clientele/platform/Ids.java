package io.clientele.platform;

import java.security.SecureRandom;

/** 20-character random base62 identifiers, the shape the seeds use (e.g. {@code Q4nGRNpLgpS92QqGLwlX}). */
public final class Ids {
    public static final int LENGTH = 20;
    public static final String PATTERN = "^[0-9A-Za-z]{20}$";
    private static final char[] ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {}

    public static String newId() {
        return random(LENGTH);
    }

    /** A random base62 string of the given length; used for ids and secrets alike. */
    public static String random(int length) {
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return new String(out);
    }

    public static boolean isId(String value) {
        if (value == null || value.length() != LENGTH) return false;
        for (int i = 0; i < LENGTH; i++) {
            char c = value.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))) return false;
        }
        return true;
    }
}

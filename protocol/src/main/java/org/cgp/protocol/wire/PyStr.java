package org.cgp.protocol.wire;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Iterator;
import java.util.Map;

/**
 * Python's {@code str()} of a value after pydantic's {@code model_dump()}, as the body hash needs it
 * (as the body hash takes a field's Python str()). The value arrives as a Jackson tree: a top-level string is written raw,
 * strings inside lists and dicts get Python's repr quoting, floats use Python's shortest repr.
 */
public final class PyStr {
    private PyStr() {}

    /** {@code str(value)}. */
    public static String str(JsonNode value) {
        if (value != null && value.isTextual()) return value.textValue();
        StringBuilder out = new StringBuilder();
        appendRepr(out, value);
        return out.toString();
    }

    /** {@code repr(value)}. */
    public static String repr(JsonNode value) {
        StringBuilder out = new StringBuilder();
        appendRepr(out, value);
        return out.toString();
    }

    private static void appendRepr(StringBuilder out, JsonNode v) {
        if (v == null || v.isNull() || v.isMissingNode()) {
            out.append("None");
        } else if (v.isBoolean()) {
            out.append(v.booleanValue() ? "True" : "False");
        } else if (v.isIntegralNumber()) {
            out.append(v.bigIntegerValue());
        } else if (v.isNumber()) {
            out.append(floatRepr(v.doubleValue()));
        } else if (v.isTextual()) {
            out.append(stringRepr(v.textValue()));
        } else if (v.isArray()) {
            out.append('[');
            for (int i = 0; i < v.size(); i++) {
                if (i > 0) out.append(", ");
                appendRepr(out, v.get(i));
            }
            out.append(']');
        } else if (v.isObject()) {
            out.append('{');
            boolean first = true;
            for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!first) out.append(", ");
                first = false;
                out.append(stringRepr(e.getKey())).append(": ");
                appendRepr(out, e.getValue());
            }
            out.append('}');
        } else {
            throw new IllegalArgumentException("no Python text form for JSON node type " + v.getNodeType());
        }
    }

    /**
     * Python's {@code repr(float)}: the shortest decimal that reads back as the same double, fixed
     * notation when the decimal exponent is in [-4, 16), otherwise {@code 1e-05} / {@code 1.5e+16}.
     */
    public static String floatRepr(double d) {
        if (Double.isNaN(d)) return "nan";
        if (Double.isInfinite(d)) return d > 0 ? "inf" : "-inf";
        if (d == 0.0) return (1.0 / d < 0) ? "-0.0" : "0.0";
        BigDecimal shortest = shortestRoundTrip(d);
        String digits = shortest.unscaledValue().abs().toString();
        // strip trailing zeros from the digit string (the value is digits * 10^-scale)
        int exp10 = digits.length() - 1 - shortest.scale();   // decimal exponent of the first digit
        digits = stripTrailingZeros(digits);
        String sign = d < 0 ? "-" : "";
        if (exp10 >= -4 && exp10 < 16) {
            StringBuilder s = new StringBuilder(sign);
            if (exp10 < 0) {
                s.append("0.").append("0".repeat(-exp10 - 1)).append(digits);
            } else if (digits.length() <= exp10 + 1) {
                s.append(digits).append("0".repeat(exp10 + 1 - digits.length())).append(".0");
            } else {
                s.append(digits, 0, exp10 + 1).append('.').append(digits, exp10 + 1, digits.length());
            }
            return s.toString();
        }
        StringBuilder s = new StringBuilder(sign).append(digits.charAt(0));
        if (digits.length() > 1) s.append('.').append(digits, 1, digits.length());
        s.append('e').append(exp10 < 0 ? '-' : '+');
        int absExp = Math.abs(exp10);
        if (absExp < 10) s.append('0');
        return s.append(absExp).toString();
    }

    private static BigDecimal shortestRoundTrip(double d) {
        BigDecimal exact = new BigDecimal(d);
        for (int precision = 1; precision <= 17; precision++) {
            BigDecimal candidate = exact.round(new MathContext(precision, RoundingMode.HALF_EVEN));
            if (candidate.doubleValue() == d) return candidate;
        }
        return exact.round(new MathContext(17, RoundingMode.HALF_EVEN));
    }

    private static String stripTrailingZeros(String digits) {
        int end = digits.length();
        while (end > 1 && digits.charAt(end - 1) == '0') end--;
        return digits.substring(0, end);
    }

    /** Python's {@code repr(str)}: single quotes unless the text holds a single quote and no double quote. */
    public static String stringRepr(String s) {
        char quote = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
        StringBuilder out = new StringBuilder(s.length() + 2).append(quote);
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == quote || cp == '\\') {
                out.append('\\').appendCodePoint(cp);
            } else if (cp == '\n') {
                out.append("\\n");
            } else if (cp == '\r') {
                out.append("\\r");
            } else if (cp == '\t') {
                out.append("\\t");
            } else if (cp < 0x20 || cp == 0x7f) {
                out.append(String.format("\\x%02x", cp));
            } else if (!isPrintable(cp)) {
                if (cp <= 0xff) out.append(String.format("\\x%02x", cp));
                else if (cp <= 0xffff) out.append(String.format("\\u%04x", cp));
                else out.append(String.format("\\U%08x", cp));
            } else {
                out.appendCodePoint(cp);
            }
        }
        return out.append(quote).toString();
    }

    /** An approximation of Python's {@code str.isprintable} for one code point. */
    private static boolean isPrintable(int cp) {
        if (cp == ' ') return true;
        int type = Character.getType(cp);
        switch (type) {
            case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.PRIVATE_USE,
                 Character.UNASSIGNED, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                 Character.SPACE_SEPARATOR:
                return false;
            default:
                return true;
        }
    }
}

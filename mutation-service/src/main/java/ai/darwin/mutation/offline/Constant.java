package ai.darwin.mutation.offline;

import ai.darwin.mutation.program.TextEdit;
import java.math.BigDecimal;
import java.math.MathContext;

/**
 * A {@code static final} primitive constant of a program with a literal value: a hyperparameter the offline mutator
 * may change.
 *
 * @param name    the field's name, e.g. {@code CPU_LEARNING_RATE}
 * @param type    its declared primitive type
 * @param value   its value
 * @param literal the initializer exactly as written, e.g. {@code 1e-3f}
 * @param start   offset of the initializer in the source
 * @param end     offset after the initializer
 */
record Constant(String name, Type type, double value, String literal, int start, int end) {

    enum Type { INT, LONG, FLOAT, DOUBLE, BOOLEAN }

    /** The edit that gives the constant a new value, written as a literal of its type. */
    TextEdit set(double newValue) {
        return new TextEdit(start, end, format(newValue));
    }

    /** A value as a Java literal of this constant's type: 3 significant digits, {@code 2.5e-4f} style when small. */
    String format(double newValue) {
        return switch (type) {
            case BOOLEAN -> newValue != 0 ? "true" : "false";
            case INT -> Long.toString(Math.round(newValue));
            case LONG -> Math.round(newValue) + "L";
            case FLOAT -> decimal(newValue, scientific()) + "f";
            case DOUBLE -> decimal(newValue, scientific());
        };
    }

    /** Whether the literal was written with an exponent ({@code 1e-3f}): its new values are written so too. */
    private boolean scientific() {
        return literal.contains("e") || literal.contains("E");
    }

    static String decimal(double value, boolean scientific) {
        if (value == 0) {
            return "0.0";
        }
        BigDecimal rounded = new BigDecimal(value).round(new MathContext(3)).stripTrailingZeros();
        if (!scientific && Math.abs(value) >= 1e-3 && Math.abs(value) < 1e7) {
            String plain = rounded.toPlainString();
            return plain.contains(".") ? plain : plain + ".0";
        }
        int exponent = rounded.precision() - rounded.scale() - 1;
        String mantissa = rounded.movePointLeft(exponent).stripTrailingZeros().toPlainString();
        return mantissa + "e" + exponent;
    }
}

package io.ringnsq.cli;

import java.math.BigDecimal;
import java.math.RoundingMode;

import com.fasterxml.jackson.core.io.NumberOutput;

/**
 * float64 text the way Go writes it, for the places where readers compare it: {@code encoding/json}
 * numbers and {@code fmt}'s {@code %.Nf}.
 */
public final class GoFloat
{
    private static final double JSON_EXPONENT_BELOW = 1e-6;
    private static final double JSON_EXPONENT_FROM = 1e21;

    private GoFloat()
    {
    }

    /**
     * Go's {@code encoding/json} float64 encoder: the shortest digits that read back as the same
     * double, in plain notation ({@code 0.99}, {@code 1234567}, {@code 0.000001}), or in exponent
     * notation below 1e-6 and from 1e21 on, with Go's clean-up of {@code e-07} to {@code e-7}
     * ({@code 1.5e-7}, {@code 1e+21}). Go refuses NaN and infinities (the whole response fails);
     * they are written as {@code 0} here.
     */
    public static String json(final double value)
    {
        if (Double.isNaN(value) || Double.isInfinite(value))
        {
            return "0";
        }
        if (value == 0)
        {
            return Double.doubleToRawLongBits(value) < 0 ? "-0" : "0";
        }
        final Decimal decimal = Decimal.shortest(value);
        final double abs = Math.abs(value);
        final StringBuilder out = new StringBuilder(24);
        if (value < 0)
        {
            out.append('-');
        }
        if (abs < JSON_EXPONENT_BELOW || abs >= JSON_EXPONENT_FROM)
        {
            decimal.appendExponent(out, false);
        }
        else
        {
            decimal.appendPlain(out);
        }
        return out.toString();
    }

    /**
     * Go's {@code %.Nf}: the exact binary value rounded half to even at {@code decimals} places,
     * keeping the sign of a negative value that rounds to zero ({@code -0.0}).
     */
    public static String fixed(final double value, final int decimals)
    {
        if (Double.isNaN(value))
        {
            return "NaN";
        }
        if (Double.isInfinite(value))
        {
            return value > 0 ? "+Inf" : "-Inf";
        }
        final String digits = new BigDecimal(Math.abs(value)).setScale(decimals, RoundingMode.HALF_EVEN).toPlainString();
        return Double.doubleToRawLongBits(value) < 0 ? "-" + digits : digits;
    }

    /**
     * Go's {@code %v} of a float64 ({@code strconv.FormatFloat(v, 'g', -1, 64)}): the shortest digits,
     * plain unless the decimal exponent is below -4 or from 6 up ({@code 1.5}, {@code 100},
     * {@code 1e-05}, {@code 1.234567e+06}), and {@code NaN}, {@code +Inf}, {@code -Inf}.
     */
    public static String general(final double value)
    {
        if (Double.isNaN(value))
        {
            return "NaN";
        }
        if (Double.isInfinite(value))
        {
            return value > 0 ? "+Inf" : "-Inf";
        }
        if (value == 0)
        {
            return Double.doubleToRawLongBits(value) < 0 ? "-0" : "0";
        }
        final Decimal decimal = Decimal.shortest(value);
        final StringBuilder out = new StringBuilder(24);
        if (value < 0)
        {
            out.append('-');
        }
        if (decimal.exponent < -4 || decimal.exponent >= 6)
        {
            decimal.appendExponent(out, true);
        }
        else
        {
            decimal.appendPlain(out);
        }
        return out.toString();
    }

    /** A positive decimal {@code d.ddd × 10^exponent} with no trailing zeros in {@code digits}. */
    private static final class Decimal
    {
        private final String digits;
        private final int exponent;

        private Decimal(final String digits, final int exponent)
        {
            this.digits = digits;
            this.exponent = exponent;
        }

        /**
         * The shortest round-tripping digits of a finite non-zero value. Jackson's Schubfach gives
         * the closest shortest decimal as Go does, except that Java's rule prefers a closer
         * two-digit decimal where a one-digit one also reads back ({@code 4.9E-324} where Go
         * writes {@code 5e-324}); that one case is checked here.
         */
        static Decimal shortest(final double value)
        {
            final double abs = Math.abs(value);
            final Decimal decimal = parse(NumberOutput.toString(abs, true));
            if (decimal.digits.length() == 2)
            {
                final Decimal oneDigit = oneDigit(abs, decimal);
                if (oneDigit != null)
                {
                    return oneDigit;
                }
            }
            return decimal;
        }

        /** Parses Java's {@code Double.toString} forms: {@code 123.45}, {@code 1.5E-7}. */
        private static Decimal parse(final String text)
        {
            final int e = text.indexOf('E');
            final String mantissa = e < 0 ? text : text.substring(0, e);
            final int exponent10 = e < 0 ? 0 : Integer.parseInt(text.substring(e + 1));
            final int point = mantissa.indexOf('.');
            final String integer = point < 0 ? mantissa : mantissa.substring(0, point);
            final String all = point < 0 ? mantissa : integer + mantissa.substring(point + 1);
            int first = 0;
            while (first < all.length() - 1 && all.charAt(first) == '0')
            {
                first++;
            }
            int end = all.length();
            while (end > first + 1 && all.charAt(end - 1) == '0')
            {
                end--;
            }
            return new Decimal(all.substring(first, end), integer.length() + exponent10 - first - 1);
        }

        /** The closer of the two one-digit neighbours of a two-digit decimal that reads back as {@code abs}. */
        private static Decimal oneDigit(final double abs, final Decimal two)
        {
            final int lead = two.digits.charAt(0) - '0';
            final Decimal down = new Decimal(Integer.toString(lead), two.exponent);
            final Decimal up = lead == 9 ? new Decimal("1", two.exponent + 1) : new Decimal(Integer.toString(lead + 1), two.exponent);
            final boolean downReads = down.toDouble() == abs;
            final boolean upReads = up.toDouble() == abs;
            if (downReads && upReads)
            {
                final BigDecimal exact = new BigDecimal(abs);
                final int compare = exact.subtract(down.toBigDecimal()).compareTo(up.toBigDecimal().subtract(exact));
                return compare <= 0 ? down : up;
            }
            return downReads ? down : upReads ? up : null;
        }

        private double toDouble()
        {
            return Double.parseDouble(digits + "E" + exponent);
        }

        private BigDecimal toBigDecimal()
        {
            return new BigDecimal(digits + "E" + exponent);
        }

        /** Go's {@code 'f'} with the shortest digits: {@code 0.000123}, {@code 1234567}, {@code 12.5}. */
        void appendPlain(final StringBuilder out)
        {
            final int integerDigits = exponent + 1;
            if (integerDigits <= 0)
            {
                out.append("0.");
                for (int i = 0; i < -integerDigits; i++)
                {
                    out.append('0');
                }
                out.append(digits);
            }
            else if (integerDigits >= digits.length())
            {
                out.append(digits);
                for (int i = digits.length(); i < integerDigits; i++)
                {
                    out.append('0');
                }
            }
            else
            {
                out.append(digits, 0, integerDigits).append('.').append(digits, integerDigits, digits.length());
            }
        }

        /**
         * Go's {@code 'e'}: the exponent padded to two digits ({@code 1e-05}, {@code 1.234567e+06}), or,
         * after encoding/json's clean-up, without the pad of a negative one ({@code 1.5e-7}, {@code 1e+21}).
         */
        void appendExponent(final StringBuilder out, final boolean padNegative)
        {
            out.append(digits.charAt(0));
            if (digits.length() > 1)
            {
                out.append('.').append(digits, 1, digits.length());
            }
            out.append('e').append(exponent < 0 ? '-' : '+');
            final int magnitude = Math.abs(exponent);
            // Go pads the exponent to two digits; encoding/json then drops the pad of e-0N only
            if (magnitude < 10 && (exponent >= 0 || padNegative))
            {
                out.append('0');
            }
            out.append(magnitude);
        }
    }
}

namespace BillingOne.BuildingBlocks.Validation;

/// <summary>
/// The exact size of a decimal number written as text (<c>12.50</c>, <c>-3</c>, <c>1.5e3</c>), measured on the digits
/// themselves: <see cref="decimal"/> parsing silently rounds what it cannot hold (<c>1e-400</c> becomes 0, a 30th
/// significant digit is dropped), so range and scale must be known before a value is parsed.
/// </summary>
/// <param name="IsNegative">A minus sign in front of a value other than zero.</param>
/// <param name="IntegerDigits">Digits before the decimal point, leading zeros not counted (0 for 0.5).</param>
/// <param name="DecimalPlaces">Digits after the decimal point, trailing zeros not counted (0 for 1.50e1).</param>
public readonly record struct DecimalNumeral(bool IsNegative, long IntegerDigits, long DecimalPlaces)
{
    // Exponents beyond this are all the same: far out of any range a quantity may have.
    private const long ExponentBound = 1_000_000_000;

    /// <summary>
    /// Reads <c>[white space][sign]digits[.digits][(e|E)[sign]digits][white space]</c>, the invariant culture's
    /// <see cref="System.Globalization.NumberStyles.Float"/> (a JSON number is one); false for anything else.
    /// </summary>
    public static bool TryRead(ReadOnlySpan<char> text, out DecimalNumeral numeral)
    {
        numeral = default;
        text = text.Trim(" \t\n\v\f\r");
        var negative = false;
        if (!text.IsEmpty && text[0] is '+' or '-')
        {
            negative = text[0] == '-';
            text = text[1..];
        }
        var integerPart = TakeDigits(ref text);
        var hasPoint = !text.IsEmpty && text[0] == '.';
        if (hasPoint)
        {
            text = text[1..];
        }
        var fractionPart = hasPoint ? TakeDigits(ref text) : text[..0];
        if (integerPart.IsEmpty && fractionPart.IsEmpty)
        {
            return false;
        }
        long exponent = 0;
        if (!text.IsEmpty && (text[0] is not ('e' or 'E') || !TryReadExponent(text[1..], out exponent)))
        {
            return false;
        }
        var integerKept = integerPart.TrimStart('0');
        var fractionKept = fractionPart.TrimStart('0');
        if (integerKept.IsEmpty && fractionKept.IsEmpty)
        {
            numeral = new DecimalNumeral(false, 0, 0);
            return true;
        }

        // Digit positions count through integerPart then fractionPart: the significant digits run from the first
        // non-zero one to the last, and the exponent moves the decimal point from the end of integerPart.
        var significantStart = integerKept.IsEmpty
            ? integerPart.Length + fractionPart.Length - fractionKept.Length
            : integerPart.Length - integerKept.Length;
        var significantEnd = fractionPart.TrimEnd('0') is { IsEmpty: false } fraction
            ? integerPart.Length + fraction.Length
            : integerPart.TrimEnd('0').Length;
        var point = integerPart.Length + exponent;
        numeral = new DecimalNumeral(negative, Math.Max(0, point - significantStart), Math.Max(0, significantEnd - point));
        return true;
    }

    private static ReadOnlySpan<char> TakeDigits(ref ReadOnlySpan<char> text)
    {
        var length = text.IndexOfAnyExceptInRange('0', '9') is var end and >= 0 ? end : text.Length;
        var digits = text[..length];
        text = text[length..];
        return digits;
    }

    private static bool TryReadExponent(ReadOnlySpan<char> text, out long exponent)
    {
        exponent = 0;
        var sign = 1;
        if (!text.IsEmpty && text[0] is '+' or '-')
        {
            sign = text[0] == '-' ? -1 : 1;
            text = text[1..];
        }
        var digits = TakeDigits(ref text);
        if (digits.IsEmpty || !text.IsEmpty)
        {
            return false;
        }
        foreach (var digit in digits)
        {
            exponent = Math.Min(exponent * 10 + (digit - '0'), ExponentBound);
        }
        exponent *= sign;
        return true;
    }
}

using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace BillingOne.Identity.Domain;

/// <summary>
/// Time-based one-time passwords as authenticator apps make them (RFC 6238 over RFC 4226's HOTP): HMAC-SHA-1,
/// 30-second steps counted from the Unix epoch, 6 digits. A code is accepted for the current step and one step either
/// side (clocks drift and people type slowly), and never for a step at or before the last one accepted, so a code
/// seen over someone's shoulder cannot be used again.
/// </summary>
public static class Totp
{
    public const int Digits = 6;
    public const int StepSeconds = 30;

    /// <summary>How many steps before and after the current one a code may belong to.</summary>
    public const int ToleranceSteps = 1;

    /// <summary>160 bits, the HMAC-SHA-1 key length RFC 4226 recommends.</summary>
    public const int SecretLength = 20;

    /// <summary>A fresh random secret.</summary>
    public static byte[] GenerateSecret() => RandomNumberGenerator.GetBytes(SecretLength);

    /// <summary>The step <paramref name="time"/> falls in.</summary>
    public static long StepAt(DateTimeOffset time) => Math.Max(0, time.ToUnixTimeSeconds()) / StepSeconds;

    /// <summary>The code for <paramref name="step"/> with <paramref name="digits"/> digits (RFC 4226 §5.3).</summary>
    public static string Compute(ReadOnlySpan<byte> secret, long step, int digits = Digits)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(digits, 6);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(digits, 8);
        Span<byte> counter = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, step);
        Span<byte> hash = stackalloc byte[HMACSHA1.HashSizeInBytes];
        HMACSHA1.HashData(secret, counter, hash);
        var offset = hash[^1] & 0x0f;
        var binary = BinaryPrimitives.ReadInt32BigEndian(hash[offset..]) & 0x7fffffff;
        var modulo = digits == 6 ? 1_000_000 : digits == 7 ? 10_000_000 : 100_000_000;
        return (binary % modulo).ToString(new string('0', digits), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The code for the step <paramref name="time"/> falls in.</summary>
    public static string ComputeAt(ReadOnlySpan<byte> secret, DateTimeOffset time) => Compute(secret, StepAt(time));

    /// <summary>
    /// Whether <paramref name="code"/> is a code of the secret for the step <paramref name="now"/> falls in or a
    /// neighbouring one, and belongs to a step after <paramref name="lastUsedStep"/>.
    /// </summary>
    /// <returns>The step the code belongs to, which the caller records as the last used; null when refused.</returns>
    public static long? Verify(ReadOnlySpan<byte> secret, string code, DateTimeOffset now, long? lastUsedStep)
    {
        if (!IsWellFormed(code))
        {
            return null;
        }
        var current = StepAt(now);
        var expected = Encoding.ASCII.GetBytes(code);
        for (var step = current - ToleranceSteps; step <= current + ToleranceSteps; step++)
        {
            if (step <= lastUsedStep)
            {
                continue;
            }
            // Constant time, so how far a guess matched cannot be timed.
            if (CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Compute(secret, step)), expected))
            {
                return step;
            }
        }
        return null;
    }

    /// <summary>Exactly <see cref="Digits"/> ASCII digits.</summary>
    public static bool IsWellFormed(string? code) =>
        code is { Length: Digits } && code.All(character => character is >= '0' and <= '9');

    /// <summary>
    /// A code as a person typed or pasted it: spaces and dashes (authenticator apps show "123 456") are dropped. Null
    /// when what is left is not <see cref="Digits"/> digits, with the reason in <paramref name="error"/>.
    /// </summary>
    public static string? Normalize(string? typed, out string? error)
    {
        if (string.IsNullOrWhiteSpace(typed))
        {
            error = "Enter the 6-digit code from your authenticator app.";
            return null;
        }
        var code = new string(typed.Where(character => character is not (' ' or '-')).ToArray());
        if (!IsWellFormed(code))
        {
            error = "The code is 6 digits.";
            return null;
        }
        error = null;
        return code;
    }

    /// <summary>
    /// The <c>otpauth://totp/</c> URI authenticator apps read from a QR code (Google Authenticator's key URI format):
    /// the label is "issuer:account", the parameters spell out the defaults so no app guesses differently.
    /// </summary>
    public static string KeyUri(string issuer, string account, ReadOnlySpan<byte> secret)
    {
        var label = Uri.EscapeDataString($"{issuer}:{account}");
        return $"otpauth://totp/{label}?secret={Base32.Encode(secret)}&issuer={Uri.EscapeDataString(issuer)}" +
               $"&algorithm=SHA1&digits={Digits}&period={StepSeconds}";
    }
}

/// <summary>RFC 4648 base32 without padding, as authenticator apps expect secrets to be typed.</summary>
public static class Base32
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    public static string Encode(ReadOnlySpan<byte> data)
    {
        var text = new StringBuilder((data.Length * 8 + 4) / 5);
        int buffer = 0, bits = 0;
        foreach (var value in data)
        {
            buffer = ((buffer << 8) | value) & 0xffff;
            bits += 8;
            while (bits >= 5)
            {
                text.Append(Alphabet[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
            }
        }
        if (bits > 0)
        {
            text.Append(Alphabet[(buffer << (5 - bits)) & 31]);
        }
        return text.ToString();
    }

    /// <summary>The bytes of <paramref name="text"/> (any case, spaces and padding ignored), or null when it is not base32.</summary>
    public static byte[]? Decode(string text)
    {
        var bytes = new List<byte>(text.Length * 5 / 8);
        int buffer = 0, bits = 0;
        foreach (var character in text)
        {
            if (character is ' ' or '=')
            {
                continue;
            }
            var index = Alphabet.IndexOf(char.ToUpperInvariant(character), StringComparison.Ordinal);
            if (index < 0)
            {
                return null;
            }
            buffer = (buffer << 5) | index;
            bits += 5;
            if (bits >= 8)
            {
                bytes.Add((byte)(buffer >> (bits - 8)));
                bits -= 8;
            }
            buffer &= (1 << bits) - 1;
        }
        return [.. bytes];
    }
}

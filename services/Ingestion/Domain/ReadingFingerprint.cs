using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace BillingOne.Ingestion.Domain;

/// <summary>
/// SHA-256 of a reading's canonical payload (every field but the id), as 64 lowercase hex characters. Stored
/// with the idempotency key; the same id arriving again with the same fingerprint is a duplicate, with another
/// a conflict. The encoding is versioned by <see cref="CanonicalFormVersion"/>: changing it would turn every
/// later retry of an old reading into a conflict, so it must never change silently.
/// </summary>
public readonly record struct ReadingFingerprint
{
    private const byte CanonicalFormVersion = 1;

    private ReadingFingerprint(string value) => Value = value;

    public string Value { get; }

    public override string ToString() => Value;

    /// <summary>A fingerprint read back from storage.</summary>
    public static ReadingFingerprint FromStored(string value)
    {
        if (value is not { Length: 64 } || !value.All(char.IsAsciiHexDigitLower))
        {
            throw new FormatException("A reading fingerprint is 64 lowercase hexadecimal characters.");
        }
        return new ReadingFingerprint(value);
    }

    internal static ReadingFingerprint Of(UsageReading reading)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData([CanonicalFormVersion]);
        AppendField(hash, reading.AssetSource);
        AppendField(hash, reading.AssetExternalId);
        AppendField(hash, reading.UnitTypeKey);
        AppendField(hash, CanonicalQuantity(reading.Quantity));
        AppendField(hash, reading.ObservedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture));
        AppendField(hash, reading.Description);
        return new ReadingFingerprint(Convert.ToHexStringLower(hash.GetHashAndReset()));
    }

    /// <summary>1.50, 1.5 and 1.500000 all give "1.5"; zero (including -0) gives "0".</summary>
    internal static string CanonicalQuantity(decimal quantity) =>
        quantity == 0m ? "0" : quantity.ToString("0.############################", CultureInfo.InvariantCulture);

    // Length-prefixed fields, so that no choice of separator character can make two different readings hash
    // alike; -1 marks an absent field.
    private static void AppendField(IncrementalHash hash, string? value)
    {
        Span<byte> length = stackalloc byte[4];
        if (value is null)
        {
            BinaryPrimitives.WriteInt32BigEndian(length, -1);
            hash.AppendData(length);
            return;
        }
        var bytes = Encoding.UTF8.GetBytes(value);
        BinaryPrimitives.WriteInt32BigEndian(length, bytes.Length);
        hash.AppendData(length);
        hash.AppendData(bytes);
    }
}

using System.Buffers;
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
        var quantity = CanonicalQuantity(reading.Quantity);
        var observedAt = reading.ObservedAt.UtcDateTime.ToString(
            "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
        var length = 1 + FieldSize(reading.AssetSource) + FieldSize(reading.AssetExternalId)
            + FieldSize(reading.UnitTypeKey) + FieldSize(quantity) + FieldSize(observedAt) + FieldSize(reading.Description);
        // One-shot hashing of a pooled buffer: this runs for every reading of every call.
        var rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var payload = rented.AsSpan(0, length);
            payload[0] = CanonicalFormVersion;
            var written = 1;
            written += WriteField(payload[written..], reading.AssetSource);
            written += WriteField(payload[written..], reading.AssetExternalId);
            written += WriteField(payload[written..], reading.UnitTypeKey);
            written += WriteField(payload[written..], quantity);
            written += WriteField(payload[written..], observedAt);
            WriteField(payload[written..], reading.Description);
            Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(payload, hash);
            return new ReadingFingerprint(Convert.ToHexStringLower(hash));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>1.50, 1.5 and 1.500000 all give "1.5"; zero (including -0) gives "0".</summary>
    internal static string CanonicalQuantity(decimal quantity) =>
        quantity == 0m ? "0" : quantity.ToString("0.############################", CultureInfo.InvariantCulture);

    // Length-prefixed fields, so that no choice of separator character can make two different readings hash
    // alike; -1 marks an absent field.
    private static int FieldSize(string? value) => sizeof(int) + (value is null ? 0 : Encoding.UTF8.GetByteCount(value));

    private static int WriteField(Span<byte> destination, string? value)
    {
        if (value is null)
        {
            BinaryPrimitives.WriteInt32BigEndian(destination, -1);
            return sizeof(int);
        }
        var byteCount = Encoding.UTF8.GetBytes(value, destination[sizeof(int)..]);
        BinaryPrimitives.WriteInt32BigEndian(destination, byteCount);
        return sizeof(int) + byteCount;
    }
}

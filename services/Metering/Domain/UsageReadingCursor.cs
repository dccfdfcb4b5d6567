using System.Buffers.Binary;
using System.Text;

namespace BillingOne.Metering.Domain;

/// <summary>
/// A position in the usage stream's order, (observed_at, asset id, reading id): unique, because a reading is
/// identified by its asset, observed_at and id. The stream resumes strictly after it. Written to callers as an opaque
/// token: base64url of observed_at in microseconds since the epoch (PostgreSQL's precision), the asset id's 16 bytes
/// and the reading id in UTF-8, behind a version byte.
/// </summary>
public sealed record UsageReadingCursor(DateTimeOffset ObservedAt, Guid AssetId, string ReadingId)
{
    private const byte Version = 1;
    private const int FixedLength = 1 + sizeof(long) + 16;

    public string ToToken()
    {
        var readingId = Encoding.UTF8.GetBytes(ReadingId);
        var bytes = new byte[FixedLength + readingId.Length];
        bytes[0] = Version;
        BinaryPrimitives.WriteInt64BigEndian(bytes.AsSpan(1), (ObservedAt - DateTimeOffset.UnixEpoch).Ticks / 10);
        AssetId.TryWriteBytes(bytes.AsSpan(1 + sizeof(long), 16), bigEndian: true, out _);
        readingId.CopyTo(bytes, FixedLength);
        return Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <summary>The cursor a token stands for; null when the text is no token this service wrote.</summary>
    public static UsageReadingCursor? FromToken(string token)
    {
        var base64 = token.Replace('-', '+').Replace('_', '/');
        base64 = base64.PadRight(base64.Length + (4 - base64.Length % 4) % 4, '=');
        var bytes = new byte[base64.Length];
        if (!Convert.TryFromBase64String(base64, bytes, out var length) || length <= FixedLength || bytes[0] != Version)
        {
            return null;
        }
        var micros = BinaryPrimitives.ReadInt64BigEndian(bytes.AsSpan(1));
        string readingId;
        try
        {
            readingId = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes, FixedLength, length - FixedLength);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
        // Compared before scaling: micros * 10 would wrap around for a forged value near long.MaxValue. A stored
        // reading id never holds NUL (PostgreSQL text cannot), so a token with one was not written here.
        if (micros < 0 || micros > (DateTimeOffset.MaxValue - DateTimeOffset.UnixEpoch).Ticks / 10
            || readingId.Contains('\0', StringComparison.Ordinal))
        {
            return null;
        }
        return new UsageReadingCursor(DateTimeOffset.UnixEpoch.AddTicks(micros * 10),
            new Guid(bytes.AsSpan(1 + sizeof(long), 16), bigEndian: true), readingId);
    }
}

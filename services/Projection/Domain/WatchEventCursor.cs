using System.Buffers.Binary;
using System.Buffers.Text;

namespace BillingOne.Projection.Domain;

/// <summary>
/// A position in the watch stream's order, (xid, id): the transaction that wrote an event and the event's row id. The
/// watch resumes strictly after it. Written to callers as an opaque token: base64url of a version byte, the xid and
/// the id, each 8 bytes big-endian.
/// </summary>
public sealed record WatchEventCursor(ulong TransactionId, long Id)
{
    /// <summary>Before every event: where a watch without a token starts.</summary>
    public static readonly WatchEventCursor Start = new(0, 0);

    private const byte Version = 1;
    private const int Length = 1 + sizeof(ulong) + sizeof(long);

    public string ToToken()
    {
        Span<byte> bytes = stackalloc byte[Length];
        bytes[0] = Version;
        BinaryPrimitives.WriteUInt64BigEndian(bytes[1..], TransactionId);
        BinaryPrimitives.WriteInt64BigEndian(bytes[(1 + sizeof(ulong))..], Id);
        return Base64Url.EncodeToString(bytes);
    }

    /// <summary>The cursor a token stands for; null when the text is no token this service wrote.</summary>
    public static WatchEventCursor? FromToken(string token)
    {
        if (token.Length > Base64Url.GetEncodedLength(Length) || !Base64Url.IsValid(token, out var decodedLength)
            || decodedLength != Length)
        {
            return null;
        }
        Span<byte> bytes = stackalloc byte[Length];
        if (Base64Url.DecodeFromChars(token, bytes) != Length || bytes[0] != Version)
        {
            return null;
        }
        var id = BinaryPrimitives.ReadInt64BigEndian(bytes[(1 + sizeof(ulong))..]);
        return id < 0 ? null : new WatchEventCursor(BinaryPrimitives.ReadUInt64BigEndian(bytes[1..]), id);
    }
}

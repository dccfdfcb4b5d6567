using System.Security.Cryptography;
using System.Text;

namespace BillingOne.Sandbox.Datto;

/// <summary>
/// Datto names sites and devices by GUID. These are derived from the seed and the demo id by hashing, so they are the
/// same in every answer and every run with the seed, and need not be stored with the world.
/// </summary>
public static class DattoIds
{
    public static Guid Account(int seed) => Derive(seed, "account", 0);

    public static Guid Site(int seed, int clientId) => Derive(seed, "site", clientId);

    public static Guid Device(int seed, int deviceId) => Derive(seed, "device", deviceId);

    private static Guid Derive(int seed, string kind, int id)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes($"datto:{seed}:{kind}:{id}"), hash);
        var bytes = hash[..16];
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }
}

using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;

namespace BillingOne.BuildingBlocks.Integrations;

/// <summary>
/// The key-encryption keys that wrap the service's Data Protection key ring (docs/security.md, Key ring): held in
/// configuration (the AppHost's data directory, a Kubernetes Secret), never in the database, so a dump of the database
/// alone decrypts no stored secret. The current key wraps every key the ring writes or re-wraps; previous keys only
/// unwrap, until the ring's keys have been re-wrapped (on the service's first use of its ring) and they can go.
/// </summary>
public sealed class KeyEncryptionKeys
{
    public const string CurrentSetting = "DataProtection:KeyEncryptionKey";
    public const string PreviousSetting = "DataProtection:PreviousKeyEncryptionKeys";

    /// <summary>AES-256.</summary>
    public const int KeyBytes = 32;

    private readonly IReadOnlyDictionary<string, KeyEncryptionKey> byId;

    private KeyEncryptionKeys(KeyEncryptionKey current, IEnumerable<KeyEncryptionKey> previous)
    {
        Current = current;
        byId = previous.Prepend(current).DistinctBy(key => key.Id).ToDictionary(key => key.Id);
    }

    public KeyEncryptionKey Current { get; }

    /// <summary>The key named <paramref name="id"/>, if it is configured (current or previous).</summary>
    public KeyEncryptionKey? Find(string id) => byId.GetValueOrDefault(id);

    /// <summary>
    /// The configured keys; null when <see cref="CurrentSetting"/> is not set. A malformed value throws, naming the
    /// setting.
    /// </summary>
    public static KeyEncryptionKeys? From(IConfiguration configuration)
    {
        if (configuration[CurrentSetting] is not { Length: > 0 } current)
        {
            return configuration[PreviousSetting] is { Length: > 0 }
                ? throw new InvalidOperationException($"{PreviousSetting} is set without {CurrentSetting}.")
                : null;
        }
        var previous = (configuration[PreviousSetting] ?? "")
            .Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return new KeyEncryptionKeys(Parse(CurrentSetting, current), previous.Select(key => Parse(PreviousSetting, key)));
    }

    private static KeyEncryptionKey Parse(string setting, string base64)
    {
        var key = new byte[KeyBytes];
        return Convert.TryFromBase64String(base64.Trim(), key, out var written) && written == KeyBytes
            ? KeyEncryptionKey.Of(key)
            : throw new InvalidOperationException(
                $"{setting} must be {KeyBytes} random bytes in base64 (e.g. the output of 'openssl rand -base64 32').");
    }
}

/// <summary>One key-encryption key, named by a prefix of its SHA-256 so a wrapped key says which one it needs.</summary>
public sealed record KeyEncryptionKey(string Id, byte[] Key)
{
    public static KeyEncryptionKey Of(byte[] key) => new(Convert.ToHexStringLower(SHA256.HashData(key))[..16], key);
}

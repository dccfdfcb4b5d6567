using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace BillingOne.Gateway.Authentication;

/// <summary>
/// API keys look like <c>bo_&lt;8 lowercase letters or digits&gt;_&lt;32 base62 characters&gt;</c>; the first 11
/// characters (<c>bo_xxxxxxxx</c>) are the key's visible prefix.
/// </summary>
public static class ApiKeyFormat
{
    public const string Scheme = "bo_";
    private const int PrefixLength = 8;
    private const int SecretLength = 32;
    private const int VisibleLength = 3 + PrefixLength;
    private const int Length = VisibleLength + 1 + SecretLength;

    private static readonly SearchValues<char> PrefixCharacters =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyz0123456789");
    private static readonly SearchValues<char> Base62 =
        SearchValues.Create("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");

    public static bool LooksLikeApiKey(string credential) => credential.StartsWith(Scheme, StringComparison.Ordinal);

    /// <summary>A key of the wrong shape cannot exist, so it is refused without asking the identity service.</summary>
    public static bool IsWellFormed(string key) =>
        key.Length == Length
        && LooksLikeApiKey(key)
        && !key.AsSpan(Scheme.Length, PrefixLength).ContainsAnyExcept(PrefixCharacters)
        && key[VisibleLength] == '_'
        && !key.AsSpan(VisibleLength + 1).ContainsAnyExcept(Base62);

    /// <summary>The visible part, safe to log: it identifies the key without revealing it.</summary>
    public static string VisiblePrefix(string key) => key.Length >= VisibleLength ? key[..VisibleLength] : Scheme;

    /// <summary>Hex SHA-256 of the full key: what the gateway keys its cache by, so plain keys are never kept.</summary>
    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}

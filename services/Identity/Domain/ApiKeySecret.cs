using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace BillingOne.Identity.Domain;

/// <summary>
/// The plain API key, <c>bo_&lt;8 lowercase letters/digits&gt;_&lt;32 base62 characters&gt;</c>. The first part
/// (<see cref="Prefix"/>) is stored and shown so people can tell keys apart; the secret part has ~190 bits of
/// randomness, so a plain SHA-256 (no salt, no stretching) is enough to store it: there is nothing to guess.
/// </summary>
public sealed partial record ApiKeySecret(string Value)
{
    private const string PrefixAlphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
    private const string SecretAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private const int PrefixRandomLength = 8;
    private const int SecretLength = 32;

    /// <summary>The visible part, <c>bo_xxxxxxxx</c>.</summary>
    public string Prefix => Value[..(3 + PrefixRandomLength)];

    /// <summary>Lower-case hex SHA-256 of the whole key: what the database holds and lookups match.</summary>
    public string Hash => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Value)));

    public static ApiKeySecret Generate() => new(
        $"bo_{RandomNumberGenerator.GetString(PrefixAlphabet, PrefixRandomLength)}_" +
        RandomNumberGenerator.GetString(SecretAlphabet, SecretLength));

    /// <summary>Whether <paramref name="candidate"/> has the key format; anything else cannot be a key and is not looked up.</summary>
    public static bool TryParse(string? candidate, out ApiKeySecret secret)
    {
        if (candidate is not null && KeyFormat().IsMatch(candidate))
        {
            secret = new ApiKeySecret(candidate);
            return true;
        }
        secret = null!;
        return false;
    }

    /// <summary>Keeps the secret out of logs and debugger displays.</summary>
    public override string ToString() => $"{Prefix}_…";

    [GeneratedRegex("^bo_[a-z0-9]{8}_[A-Za-z0-9]{32}$", RegexOptions.CultureInvariant)]
    private static partial Regex KeyFormat();
}

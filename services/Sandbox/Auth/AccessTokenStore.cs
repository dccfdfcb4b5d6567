using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace BillingOne.Sandbox.Auth;

/// <param name="Vendor">The sandboxed vendor that issued the token; it is valid only for that vendor's API.</param>
public sealed record IssuedToken(string Vendor, string ClientId, IReadOnlyList<string> Scopes, DateTimeOffset ExpiresAt);

/// <summary>
/// Opaque bearer tokens issued by the sandbox's token endpoints, held in memory: the sandbox is a single
/// process, and a restart simply makes connectors fetch a new token, as a real vendor's revocation would.
/// </summary>
public sealed class AccessTokenStore(TimeProvider timeProvider)
{
    private readonly ConcurrentDictionary<string, IssuedToken> tokens = new(StringComparer.Ordinal);

    public string Issue(string vendor, string clientId, IReadOnlyList<string> scopes, TimeSpan lifetime)
    {
        var now = timeProvider.GetUtcNow();
        foreach (var (expiredToken, _) in tokens.Where(entry => entry.Value.ExpiresAt <= now))
        {
            tokens.TryRemove(expiredToken, out _);
        }
        var token = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        tokens[token] = new IssuedToken(vendor, clientId, scopes, now + lifetime);
        return token;
    }

    /// <summary>The token's grant, or null when the token is unknown or expired.</summary>
    public IssuedToken? Find(string token) =>
        tokens.TryGetValue(token, out var issued) && issued.ExpiresAt > timeProvider.GetUtcNow() ? issued : null;
}

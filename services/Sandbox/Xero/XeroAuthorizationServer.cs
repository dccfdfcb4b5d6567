using System.Buffers.Text;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace BillingOne.Sandbox.Xero;

/// <summary>A tenant an app is connected to, as <c>GET /connections</c> lists it.</summary>
public sealed record XeroConnection(
    Guid Id,
    Guid AuthEventId,
    Guid TenantId,
    string TenantType,
    string TenantName,
    DateTime CreatedDateUtc,
    DateTime UpdatedDateUtc);

/// <summary>What an authorization code or refresh token stands for.</summary>
public sealed record XeroGrant(string ClientId, string RedirectUri, IReadOnlyList<string> Scopes, DateTimeOffset ExpiresAt);

/// <summary>
/// The state of Xero's identity server, held in memory: single-use authorization codes, refresh tokens that rotate
/// (each use replaces the token, and the old one is refused from then on) and each app's connections to the tenant.
/// One lock guards all of it: the sandbox sees a handful of OAuth requests, never a contended stream.
/// </summary>
public sealed class XeroAuthorizationServer(IOptions<XeroOptions> options, TimeProvider timeProvider)
{
    private readonly Dictionary<string, XeroGrant> codes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, XeroGrant> refreshTokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, XeroConnection> connectionsByClient = new(StringComparer.Ordinal);
    private readonly Lock gate = new();

    /// <summary>The tenant's id is fixed so an app's stored <c>xero-tenant-id</c> survives a sandbox restart.</summary>
    public static readonly Guid TenantId = new("5d3c2a4e-9b1f-4f0e-8c6a-7e2b1d0a9f31");

    public string IssueCode(string clientId, string redirectUri, IReadOnlyList<string> scopes)
    {
        var code = NewSecret();
        lock (gate)
        {
            codes[code] = new XeroGrant(clientId, redirectUri, scopes, timeProvider.GetUtcNow() + options.Value.CodeLifetime);
            Connect(clientId);
        }
        return code;
    }

    /// <summary>The code's grant, once: a redeemed, expired or unknown code, or one for another app, gives null.</summary>
    public XeroGrant? RedeemCode(string code, string clientId, string redirectUri)
    {
        lock (gate)
        {
            if (!codes.Remove(code, out var grant))
            {
                return null;
            }
            return grant.ExpiresAt > timeProvider.GetUtcNow() && grant.ClientId == clientId && grant.RedirectUri == redirectUri
                ? grant
                : null;
        }
    }

    /// <summary>A new refresh token for the grant; Xero issues one only with the <c>offline_access</c> scope.</summary>
    public string IssueRefreshToken(XeroGrant grant)
    {
        var token = NewSecret();
        lock (gate)
        {
            refreshTokens[token] = grant with { ExpiresAt = timeProvider.GetUtcNow() + options.Value.RefreshTokenLifetime };
        }
        return token;
    }

    /// <summary>Takes the refresh token out of use and answers its grant, or null when it is unknown, used or expired.</summary>
    public XeroGrant? RedeemRefreshToken(string token, string clientId)
    {
        lock (gate)
        {
            if (!refreshTokens.TryGetValue(token, out var grant) || grant.ClientId != clientId)
            {
                return null;
            }
            refreshTokens.Remove(token);
            return grant.ExpiresAt > timeProvider.GetUtcNow() ? grant : null;
        }
    }

    /// <summary>
    /// Revokes a refresh token, as a user disconnecting the app in Xero would; with <paramref name="clientId"/>, only
    /// that app's. False when there was no such live token.
    /// </summary>
    public bool Revoke(string token, string? clientId = null)
    {
        lock (gate)
        {
            return refreshTokens.TryGetValue(token, out var grant) && (clientId is null || grant.ClientId == clientId)
                && refreshTokens.Remove(token);
        }
    }

    public IReadOnlyList<XeroConnection> ConnectionsOf(string clientId)
    {
        lock (gate)
        {
            return connectionsByClient.TryGetValue(clientId, out var connection) ? [connection] : [];
        }
    }

    public bool IsConnected(string clientId, Guid tenantId) =>
        ConnectionsOf(clientId).Any(connection => connection.TenantId == tenantId);

    public bool Disconnect(string clientId, Guid connectionId)
    {
        lock (gate)
        {
            return connectionsByClient.TryGetValue(clientId, out var connection) && connection.Id == connectionId
                && connectionsByClient.Remove(clientId);
        }
    }

    /// <summary>A consent connects the tenant, or refreshes the existing connection's date and auth event.</summary>
    private void Connect(string clientId)
    {
        var now = timeProvider.GetUtcNow().UtcDateTime;
        connectionsByClient[clientId] = connectionsByClient.TryGetValue(clientId, out var existing)
            ? existing with { AuthEventId = Guid.NewGuid(), UpdatedDateUtc = now }
            : new XeroConnection(Guid.NewGuid(), Guid.NewGuid(), TenantId, "ORGANISATION", options.Value.TenantName, now, now);
    }

    private static string NewSecret() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
}

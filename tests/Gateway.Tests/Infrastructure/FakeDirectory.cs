using System.Collections.Concurrent;
using System.Security.Claims;
using System.Security.Cryptography;
using BillingOne.BuildingBlocks.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace BillingOne.Gateway.Tests.Infrastructure;

/// <summary>
/// The identity service's internal auth API as the gateway sees it (security.md): API key verification, sign-in
/// with lockout, and the session re-check. Tests add keys and users, then revoke, disable or lock them. Every call must
/// carry a valid internal token of role <c>service</c>, as the real endpoints require.
/// </summary>
public sealed class FakeDirectory(SymmetricSecurityKey internalTokenKey, TimeProvider clock)
{
    private const string Base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private const string PrefixCharacters = "abcdefghijklmnopqrstuvwxyz0123456789";

    /// <summary>The absolute lifetime the fake's sessions have (the real one's default).</summary>
    public static readonly TimeSpan SessionLifetime = TimeSpan.FromHours(12);

    private readonly ConcurrentDictionary<string, TestApiKey> _keys = new();
    private readonly ConcurrentDictionary<Guid, TestUser> _users = new();
    private readonly ConcurrentDictionary<string, int> _verifications = new();
    private readonly ConcurrentDictionary<string, int> _signIns = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<Guid, Guid> _sessions = new();
    private readonly ConcurrentDictionary<Guid, Guid> _sessionScopes = new();
    private readonly ConcurrentQueue<string> _sources = new();
    private readonly ConcurrentQueue<string?> _userAgents = new();
    private readonly ConcurrentDictionary<Guid, Guid> _challenges = new();
    private readonly ConcurrentQueue<string> _codeSources = new();

    private int _calls;

    /// <summary>Set to make every endpoint answer 500, as a failing identity service would.</summary>
    public bool Failing { get; set; }

    /// <summary>Every call to the internal auth API, answered or not.</summary>
    public int Calls => Volatile.Read(ref _calls);

    /// <summary>The claims of the last token the gateway called with.</summary>
    public InternalTokenClaims? LastCaller { get; private set; }

    public TestApiKey AddApiKey(string role = Roles.Admin, Guid? clientId = null)
    {
        var key = $"bo_{RandomNumberGenerator.GetString(PrefixCharacters, 8)}_{RandomNumberGenerator.GetString(Base62, 32)}";
        var apiKey = new TestApiKey(key, Guid.NewGuid(), Guid.NewGuid(), role, clientId, $"{role} key");
        _keys[key] = apiKey;
        return apiKey;
    }

    public void Revoke(TestApiKey key) => _keys[key.Key] = key with { Revoked = true };

    public TestUser AddUser(string role = Roles.Finance)
    {
        var id = Guid.NewGuid();
        var user = new TestUser(id, $"User {id:N}", $"{id:N}@example.test", "correct horse battery staple", Guid.NewGuid(), role);
        _users[id] = user;
        return user;
    }

    public void Disable(TestUser user) => _users[user.Id] = user with { Enabled = false };

    public void Lock(TestUser user) => _users[user.Id] = user with { Locked = true };

    /// <summary>Makes sign-ins of <paramref name="user"/> name an organization, as when the email is in several.</summary>
    public void InSeveralOrganizations(TestUser user) => _users[user.Id] = user with { SeveralOrganizations = true };

    public void ChangeRole(TestUser user, string role) => _users[user.Id] = user with { Role = role };

    /// <summary>Gives <paramref name="user"/> two-factor: sign-in asks for <paramref name="code"/> after the password.</summary>
    public TestUser WithTwoFactor(TestUser user, string code) => _users[user.Id] = user with { TwoFactorCode = code };

    /// <summary>Makes <paramref name="user"/>'s organization require two-factor of a user who has none.</summary>
    public TestUser MustEnrollTwoFactor(TestUser user, bool must = true) =>
        _users[user.Id] = user with { MustEnrollTwoFactor = must };

    /// <summary>Ends a session as the user's Sessions tab (or another browser) would.</summary>
    public void EndSession(Guid sessionId) => _sessions.TryRemove(sessionId, out _);

    /// <summary>The source addresses the code steps named, in order.</summary>
    public IReadOnlyList<string> CodeSources => [.. _codeSources];

    /// <summary>How often the gateway asked about <paramref name="key"/>.</summary>
    public int VerificationsOf(string key) => _verifications.GetValueOrDefault(key);

    public int SignInsOf(string email) => _signIns.GetValueOrDefault(email);

    /// <summary>The source addresses sign-ins named, in order.</summary>
    public IReadOnlyList<string> SignInSources => [.. _sources];

    /// <summary>The userAgent of every password sign-in the gateway forwarded, in order (null when none came).</summary>
    public IReadOnlyList<string?> SignInUserAgents => [.. _userAgents];

    /// <summary>Opens a session for <paramref name="user"/> as a sign-in would, without one.</summary>
    public Guid OpenSession(TestUser user)
    {
        var sessionId = Guid.NewGuid();
        _sessions[sessionId] = user.Id;
        return sessionId;
    }

    /// <summary>Scopes a session to a client, as the identity service's client-scope endpoint does.</summary>
    public void ScopeSession(Guid sessionId, Guid clientId) => _sessionScopes[sessionId] = clientId;

    public void Map(IEndpointRouteBuilder endpoints)
    {
        var auth = endpoints.MapGroup("/internal/auth").AddEndpointFilter(async (context, next) =>
        {
            Interlocked.Increment(ref _calls);
            return Failing ? Results.Problem(statusCode: 500, title: "Boom")
                : await IsGatewayAsync(context.HttpContext) ? await next(context)
                : Results.Problem(statusCode: 401, title: "Internal token required");
        });

        auth.MapPost("/api-keys/verify", (VerifyRequest request) =>
        {
            _verifications.AddOrUpdate(request.Key, 1, (_, count) => count + 1);
            return _keys.TryGetValue(request.Key, out var key) && !key.Revoked
                ? Results.Ok(new { key.KeyId, key.OrgId, key.Role, key.ClientId, key.Name })
                : Results.Problem(statusCode: 401, title: "Unknown API key");
        });

        auth.MapPost("/sign-in", (SignInRequest request) =>
        {
            _signIns.AddOrUpdate(request.Email, 1, (_, count) => count + 1);
            _sources.Enqueue(request.Source);
            _userAgents.Enqueue(request.UserAgent);
            var user = _users.Values.SingleOrDefault(user => user.Email == request.Email);
            if (user is { Locked: true })
            {
                return Results.Problem(statusCode: 423, title: "Account locked",
                    detail: "Too many failed sign-ins: try again in 15 minutes.");
            }
            if (user is not { Enabled: true } || user.Password != request.Password)
            {
                return Results.Problem(statusCode: 401, title: "Invalid email or password");
            }
            if (user.SeveralOrganizations && request.OrganizationId != user.OrgId)
            {
                return Results.Problem(statusCode: 409, title: "Choose an organization",
                    extensions: new Dictionary<string, object?> { ["organizations"] = new[] { new { id = user.OrgId, name = "Test MSP" } } });
            }
            if (user.TwoFactorCode is not null)
            {
                var challengeId = Guid.NewGuid();
                _challenges[challengeId] = user.Id;
                return Results.Json(new { challengeId, expiresAt = clock.GetUtcNow().AddMinutes(5) },
                    statusCode: StatusCodes.Status202Accepted);
            }
            return Opened(user);
        });

        auth.MapPost("/sign-in/two-factor", (CodeRequest request) =>
        {
            _codeSources.Enqueue(request.Source);
            if (!_challenges.TryGetValue(request.ChallengeId, out var userId) || !_users.TryGetValue(userId, out var user))
            {
                return Results.Problem(statusCode: 401, title: "Sign in again.",
                    extensions: new Dictionary<string, object?>
                    {
                        ["errors"] = new Dictionary<string, string[]> { ["challengeId"] = ["The sign-in has ended."] },
                    });
            }
            if (request.Code != user.TwoFactorCode)
            {
                return Results.Problem(statusCode: 401, title: "The code is not right.",
                    extensions: new Dictionary<string, object?>
                    {
                        ["errors"] = new Dictionary<string, string[]> { ["code"] = ["The code is not right."] },
                    });
            }
            _challenges.TryRemove(request.ChallengeId, out _);
            return Opened(user);
        });

        auth.MapGet("/sessions/{sessionId:guid}", (Guid sessionId) =>
            _sessions.TryGetValue(sessionId, out var userId) && _users.TryGetValue(userId, out var user)
                ? Results.Ok(Describe(user, _sessionScopes.TryGetValue(sessionId, out var scope) ? scope : null))
                : Results.Problem(statusCode: 404, title: "Session not found"));

        auth.MapDelete("/sessions/{sessionId:guid}", (Guid sessionId) =>
        {
            _sessions.TryRemove(sessionId, out _);
            return Results.NoContent();
        });
    }

    private IResult Opened(TestUser user)
    {
        var sessionId = OpenSession(user);
        return Results.Ok(new
        {
            user.Id, user.Name, user.Email, user.OrgId, user.Role, sessionId,
            sessionExpiresAt = clock.GetUtcNow() + SessionLifetime,
            twoFactorEnrollmentRequired = user.MustEnrollTwoFactor,
        });
    }

    private static object Describe(TestUser user, Guid? clientScope) => new
    {
        user.Id, user.Name, user.Email, user.OrgId, user.Role, user.Enabled, clientScope,
        twoFactorEnrollmentRequired = user.MustEnrollTwoFactor,
    };

    private async Task<bool> IsGatewayAsync(HttpContext context)
    {
        var authorization = context.Request.Headers.Authorization.ToString();
        if (!authorization.StartsWith("Bearer ", StringComparison.Ordinal))
        {
            return false;
        }

        var parameters = InternalTokens.ValidationParameters(internalTokenKey);
        // The gateway signs with the test's clock.
        parameters.LifetimeValidator = (notBefore, expires, _, _) =>
            notBefore <= clock.GetUtcNow().UtcDateTime && clock.GetUtcNow().UtcDateTime < expires;
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(authorization["Bearer ".Length..], parameters);
        LastCaller = result.IsValid ? InternalTokens.FromPrincipal(new ClaimsPrincipal(result.ClaimsIdentity)) : null;
        return LastCaller?.Role == Roles.Service;
    }

    private sealed record VerifyRequest(string Key);

    private sealed record SignInRequest(string Email, string Password, string Source, Guid? OrganizationId,
        string? UserAgent);

    private sealed record CodeRequest(Guid ChallengeId, string Code, string Source);
}

public sealed record TestApiKey(string Key, Guid KeyId, Guid OrgId, string Role, Guid? ClientId, string Name, bool Revoked = false);

public sealed record TestUser(
    Guid Id, string Name, string Email, string Password, Guid OrgId, string Role, bool Enabled = true, bool Locked = false,
    bool SeveralOrganizations = false, string? TwoFactorCode = null, bool MustEnrollTwoFactor = false);

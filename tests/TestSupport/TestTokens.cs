using System.Net.Http.Headers;
using BillingOne.BuildingBlocks.Security;
using Microsoft.IdentityModel.Tokens;

namespace BillingOne.Testing;

/// <summary>
/// Internal tokens as the gateway would sign them, for tests that call a service directly. The key exists only
/// in tests; hosts under test get it through <see cref="SigningKeyBase64"/>.
/// </summary>
public static class TestTokens
{
    public const string SigningKeyBase64 = "dGVzdC1vbmx5LWludGVybmFsLXRva2VuLWtleS1mb3ItYmlsbGluZ29uZS10ZXN0cw==";

    /// <summary>The key-encryption key of services under test (their Data Protection key rings), as deployed.</summary>
    public const string KeyEncryptionKeyBase64 = "dGVzdC1vbmx5IGtleS1lbmNyeXB0aW9uIGtleSAzMmI=";

    private static readonly SymmetricSecurityKey SigningKey =
        InternalTokens.ParseKey(SigningKeyBase64, InternalTokens.SigningKeySetting);

    /// <summary>An <c>Authorization: Bearer</c> value for a user of <paramref name="orgId"/> with <paramref name="role"/>.</summary>
    /// <param name="sessionId">The signed-in session the gateway names, for a user.</param>
    public static AuthenticationHeaderValue For(Guid orgId, string role, Guid? clientScope = null,
        string actorType = ActorTypes.User, Guid? actorId = null, Guid? sessionId = null) =>
        new("Bearer", InternalTokens.Issue(
            new InternalTokenClaims(orgId, role, actorType, actorId ?? Guid.NewGuid(), $"test {role}", clientScope,
                sessionId),
            SigningKey, DateTimeOffset.UtcNow, TestRunLifetime));

    /// <summary>Long enough for a test class that holds one client; still checked for expiry by the services.</summary>
    private static readonly TimeSpan TestRunLifetime = TimeSpan.FromHours(1);
}

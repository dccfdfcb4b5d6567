using System.ComponentModel;
using BillingOne.Identity.Domain;

namespace BillingOne.Identity.Apis;

public sealed record VerifyApiKeyRequest([property: Description("The plain key the caller presented.")] string? Key);

public sealed record ApiKeyVerification(Guid KeyId, Guid OrgId, string Role, Guid? ClientId, string Name)
{
    public static ApiKeyVerification From(ApiKey key) => new(key.Id, key.OrgId, key.Role, key.ClientId, key.Name);
}

public sealed record SignInRequest(string? Email, string? Password);

/// <summary>The signed-in user, as the gateway puts it in the session answer.</summary>
public sealed record SignedInUser(Guid Id, string Name, string Email, Guid OrgId, string Role)
{
    public static SignedInUser From(User user) => new(user.Id, user.Name, user.Email, user.OrgId, user.Role);
}

/// <summary>What a session re-check needs: whether the user may still act, and as what.</summary>
public sealed record SessionUser(Guid Id, string Name, string Email, Guid OrgId, string Role, bool Enabled)
{
    public static SessionUser From(User user) => new(user.Id, user.Name, user.Email, user.OrgId, user.Role, user.Enabled);
}

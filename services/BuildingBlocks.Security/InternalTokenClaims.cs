namespace BillingOne.BuildingBlocks.Security;

/// <summary>Claim names of the internal token the gateway forwards to the services.</summary>
public static class InternalClaimNames
{
    public const string Organization = "org";
    public const string Role = "role";
    public const string ClientScope = "client";
    public const string Subject = "sub";
    public const string ActorType = "actor";
    public const string Name = "name";
    public const string Session = "sid";
}

/// <summary>Who acts: a signed-in user, an API key, or the gateway itself.</summary>
public static class ActorTypes
{
    public const string User = "user";
    public const string ApiKey = "api-key";
    public const string Service = "service";
}

/// <param name="OrgId">The organization every query of the request is filtered by.</param>
/// <param name="Role">One of <see cref="Roles"/>.</param>
/// <param name="ActorType">One of <see cref="ActorTypes"/>.</param>
/// <param name="ActorId">The user id or the API key id.</param>
/// <param name="Name">Display name for logs and the audit log.</param>
/// <param name="ClientScope">Set for client-scoped keys, and for users who scoped their session to a client: the
/// request sees only this client's data.</param>
/// <param name="SessionId">The signed-in user's session, for the identity service's session endpoints (client scope).</param>
public sealed record InternalTokenClaims(
    Guid OrgId, string Role, string ActorType, Guid ActorId, string Name, Guid? ClientScope = null,
    Guid? SessionId = null);

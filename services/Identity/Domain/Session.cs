namespace BillingOne.Identity.Domain;

/// <summary>A signed-in browser: the gateway's session token names it by <see cref="Id"/>.</summary>
public sealed record Session(Guid Id, Guid OrgId, Guid UserId, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt);

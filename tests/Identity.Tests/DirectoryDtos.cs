namespace BillingOne.Identity.Tests;

public sealed record PageDto<T>(List<T> Items, int Page, int PageSize, long TotalCount);

public sealed record OrganizationDto(Guid Id, string Name, string TimeZone, string Currency, int BillingGraceDays,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

public sealed record UserDto(Guid Id, string Email, string Name, string Role, bool Enabled,
    DateTimeOffset? LastSignInAt, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, bool TwoFactorEnabled = false);

public sealed record ApiKeyDto(Guid Id, string Name, string Prefix, string Role, Guid? ClientId, string? ClientName, bool Enabled,
    bool Revoked, DateTimeOffset? RevokedAt, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt);

public sealed record CreatedApiKeyDto(Guid Id, string Name, string Prefix, string Role, Guid? ClientId, string? ClientName, bool Enabled,
    bool Revoked, DateTimeOffset? RevokedAt, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt, string Key);

public sealed record ApiKeyVerificationDto(Guid KeyId, Guid OrgId, string Role, Guid? ClientId, string Name);

public sealed record SignedInUserDto(Guid Id, string Name, string Email, Guid OrgId, string Role, Guid SessionId,
    DateTimeOffset SessionExpiresAt);

public sealed record SessionUserDto(Guid Id, string Name, string Email, Guid OrgId, string Role, bool Enabled,
    Guid? ClientScope = null);

public sealed record ClientScopeDto(Guid? ClientId, string? ClientName);

public sealed record MeDto(Guid Id, string Name, string Email, string Role, ClientScopeDto ClientScope,
    string OrganizationName, DateTimeOffset CreatedAt, DateTimeOffset? LastSignInAt);

public sealed record EndedSessionsDto(int EndedSessions);

public sealed record MySessionDto(Guid Id, DateTimeOffset CreatedAt, DateTimeOffset LastSeenAt, DateTimeOffset ExpiresAt,
    string? IpAddress, bool Current, string? UserAgent = null);

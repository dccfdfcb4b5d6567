using BillingOne.Identity.Domain;

namespace BillingOne.Identity.Data;

/// <summary>
/// A <c>users</c> row as Dapper reads it (timestamptz arrives as a UTC <see cref="DateTime"/>). The password
/// hash is read only by sign-in, through <see cref="ColumnsWithPasswordHash"/>.
/// </summary>
internal sealed record UserRow(Guid OrgId, Guid Id, string Email, string Name, string Role, bool Enabled,
    DateTime? LastSignInAt, DateTime CreatedAt, DateTime UpdatedAt, bool TwoFactorEnabled)
{
    // Of "users" unaliased (also in RETURNING): whether a confirmed authenticator exists for the row's user.
    public const string Columns = """
        org_id AS OrgId, id AS Id, email AS Email, display_name AS Name, role AS Role, enabled AS Enabled,
        last_sign_in_at AS LastSignInAt,
        created_at AS CreatedAt, updated_at AS UpdatedAt,
        EXISTS (SELECT 1 FROM user_totp t WHERE t.org_id = users.org_id AND t.user_id = users.id
                AND t.confirmed_at IS NOT NULL) AS TwoFactorEnabled
        """;

    public const string ColumnsWithPasswordHash = Columns + ", password_hash AS PasswordHash";

    public User ToUser() => new(OrgId, Id, Email, Name, Role, Enabled, Utc(LastSignInAt),
        new DateTimeOffset(CreatedAt, TimeSpan.Zero), new DateTimeOffset(UpdatedAt, TimeSpan.Zero), TwoFactorEnabled);

    private static DateTimeOffset? Utc(DateTime? value) =>
        value is { } utc ? new DateTimeOffset(utc, TimeSpan.Zero) : null;
}

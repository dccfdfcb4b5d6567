using BillingOne.BuildingBlocks.Auditing;
using BillingOne.Identity.Domain;
using Dapper;
using Npgsql;

namespace BillingOne.Identity.Data;

/// <summary>
/// Reads and changes an organization's branding; an organization without a branding row has every default. Every
/// change is audited in its transaction with the old and new values.
/// </summary>
public sealed partial class BrandingStore(
    NpgsqlDataSource dataSource, IAuditTrail audit, TimeProvider timeProvider, ILogger<BrandingStore> logger)
{
    public const string BrandingTable = "organization_branding";

    private const string Select = """
        SELECT o.name AS OrganizationName, b.display_name AS DisplayName, b.accent_color AS AccentColor,
               b.logo_url AS LogoUrl, b.support_email AS SupportEmail
        FROM organizations o LEFT JOIN organization_branding b ON b.org_id = o.id
        WHERE o.id = @orgId
        """;

    public async Task<OrganizationBranding?> FindAsync(Guid orgId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<OrganizationBranding>(
            new CommandDefinition(Select, new { orgId }, cancellationToken: cancellationToken));
    }

    public async Task<DirectoryWriteResult<OrganizationBranding>> UpdateAsync(Guid orgId, BrandingChanges changes,
        CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // The organization's row is the lock: the first edit inserts the branding row, so there may be none to lock.
        var existing = await connection.QuerySingleOrDefaultAsync<OrganizationBranding>(new CommandDefinition(
            $"{Select} FOR NO KEY UPDATE OF o", new { orgId }, transaction, cancellationToken: cancellationToken));
        if (existing is null)
        {
            return DirectoryWriteResult<OrganizationBranding>.Failed(DirectoryWriteStatus.OrganizationNotFound);
        }
        var changed = existing.Apply(changes);
        if (changed is null)
        {
            return DirectoryWriteResult<OrganizationBranding>.Unchanged(existing);
        }

        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO organization_branding (org_id, display_name, accent_color, logo_url, support_email, updated_at)
            VALUES (@orgId, @DisplayName, @AccentColor, @LogoUrl, @SupportEmail, @now)
            ON CONFLICT (org_id) DO UPDATE
            SET display_name = EXCLUDED.display_name, accent_color = EXCLUDED.accent_color,
                logo_url = EXCLUDED.logo_url, support_email = EXCLUDED.support_email, updated_at = EXCLUDED.updated_at
            """, new
        {
            orgId, changed.DisplayName, changed.AccentColor, changed.LogoUrl, changed.SupportEmail,
            now = timeProvider.GetUtcNow()
        }, transaction, cancellationToken: cancellationToken));
        await audit.RecordAsync(transaction, AuditActions.Update, BrandingTable, orgId.ToString(),
            AuditValues(existing), AuditValues(changed), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        LogBrandingChanged(orgId);
        return DirectoryWriteResult<OrganizationBranding>.Saved(changed);
    }

    /// <summary>The branding's own members; the organization's name is audited with the organization.</summary>
    private static object AuditValues(OrganizationBranding branding) => new
    {
        branding.DisplayName,
        branding.AccentColor,
        branding.LogoUrl,
        branding.SupportEmail,
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Branding of organization {OrgId} changed")]
    private partial void LogBrandingChanged(Guid orgId);
}

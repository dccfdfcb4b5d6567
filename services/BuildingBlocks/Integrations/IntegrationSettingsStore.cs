using System.Text.Json;
using BillingOne.BuildingBlocks.Auditing;
using BillingOne.BuildingBlocks.Data;
using Dapper;
using Microsoft.AspNetCore.DataProtection;
using Npgsql;

namespace BillingOne.BuildingBlocks.Integrations;

/// <summary>An organization's saved settings of one integration; secrets decrypted only for the connector.</summary>
public sealed record SavedIntegrationSettings(
    string Integration,
    bool Enabled,
    IntegrationValues Values,
    IReadOnlyList<string> SecretNames,
    int? SyncIntervalMinutes,
    DateTimeOffset? NextSyncAt,
    DateTimeOffset? LastTestAt,
    bool? LastTestOk,
    string? LastTestMessage,
    DateTimeOffset UpdatedAt);

/// <summary>
/// Stores integration settings with the secrets encrypted by ASP.NET Core Data Protection (one payload per row, keys
/// in <see cref="PostgresXmlRepository"/>); plain settings stay readable JSON. Changes are audited without secrets.
/// </summary>
public sealed class IntegrationSettingsStore(NpgsqlDataSource dataSource, IDataProtectionProvider protection, TimeProvider clock)
{
    private const string Table = "integration_settings";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly IDataProtector protector = protection.CreateProtector("BillingOne.Integrations.Secrets.v1");

    public async Task<IReadOnlyDictionary<string, SavedIntegrationSettings>> ListAsync(Guid orgId,
        CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<SettingsRow>(new CommandDefinition(
            $"SELECT {RowColumns} FROM integration_settings WHERE org_id = @orgId", new { orgId },
            cancellationToken: cancellationToken));
        return rows.Select(ToSettings).ToDictionary(settings => settings.Integration);
    }

    public async Task<SavedIntegrationSettings?> FindAsync(Guid orgId, string integration, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<SettingsRow>(new CommandDefinition(
            $"SELECT {RowColumns} FROM integration_settings WHERE org_id = @orgId AND integration = @integration",
            new { orgId, integration }, cancellationToken: cancellationToken));
        return row is null ? null : ToSettings(row);
    }

    /// <summary>
    /// Replaces the plain values, and the secrets named in <paramref name="secrets"/> (an empty value clears one; a
    /// secret not named keeps its saved value). Audited with secret names only.
    /// </summary>
    public async Task<SavedIntegrationSettings> SaveAsync(Guid orgId, IIntegration integration, bool enabled,
        IReadOnlyDictionary<string, string> plain, IReadOnlyDictionary<string, string> secrets, int? syncIntervalMinutes,
        IAuditTrail audit, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var before = await connection.QuerySingleOrDefaultAsync<SettingsRow>(new CommandDefinition($"""
            SELECT {RowColumns} FROM integration_settings WHERE org_id = @orgId AND integration = @name FOR UPDATE
            """, new { orgId, name = integration.Name }, transaction, cancellationToken: cancellationToken));
        var previous = before is null ? null : ToSettings(before);
        var mergedSecrets = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var field in integration.Fields.Where(field => field.Secret))
        {
            var value = secrets.TryGetValue(field.Name, out var given) ? given : previous?.Values[field.Name];
            if (!string.IsNullOrWhiteSpace(value))
            {
                mergedSecrets[field.Name] = value.Trim();
            }
        }
        var now = clock.GetUtcNow();
        DateTimeOffset? nextSync = syncIntervalMinutes is { } minutes && enabled
            ? (previous?.SyncIntervalMinutes == minutes && previous.NextSyncAt is { } kept ? kept : now.AddMinutes(minutes))
            : null;
        var row = await connection.QuerySingleAsync<SettingsRow>(new CommandDefinition($"""
            INSERT INTO integration_settings (org_id, integration, enabled, plain_values, protected_secrets, secret_names,
                sync_interval_minutes, next_sync_at, updated_at)
            VALUES (@orgId, @name, @enabled, @plainJson::jsonb, @protectedSecrets, @secretNames, @syncIntervalMinutes,
                @nextSync, @now)
            ON CONFLICT (org_id, integration) DO UPDATE SET enabled = excluded.enabled,
                plain_values = excluded.plain_values, protected_secrets = excluded.protected_secrets,
                secret_names = excluded.secret_names, sync_interval_minutes = excluded.sync_interval_minutes,
                next_sync_at = excluded.next_sync_at, updated_at = excluded.updated_at
            RETURNING {RowColumns}
            """, new
        {
            orgId,
            name = integration.Name,
            enabled,
            plainJson = JsonSerializer.Serialize(plain, Json),
            protectedSecrets = mergedSecrets.Count == 0 ? null : protector.Protect(JsonSerializer.Serialize(mergedSecrets, Json)),
            secretNames = mergedSecrets.Keys.Order(StringComparer.Ordinal).ToArray(),
            syncIntervalMinutes,
            nextSync,
            now,
        }, transaction, cancellationToken: cancellationToken));
        var saved = ToSettings(row);
        await audit.RecordAsync(transaction, previous is null ? AuditActions.Create : AuditActions.Update, Table,
            integration.Name, previous is null ? null : Audited(previous), Audited(saved), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return saved;
    }

    public async Task RecordTestAsync(Guid orgId, string integration, ConnectionCheck check, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE integration_settings SET last_test_at = @now, last_test_ok = @Succeeded, last_test_message = @Message
            WHERE org_id = @orgId AND integration = @integration
            """, new { orgId, integration, now = clock.GetUtcNow(), check.Succeeded, check.Message },
            cancellationToken: cancellationToken));
    }

    /// <summary>Organizations whose scheduled sync of one of <paramref name="integrations"/> is due, moved to their next time.</summary>
    public async Task<IReadOnlyList<(Guid OrgId, string Integration)>> TakeDueAsync(
        IReadOnlyCollection<string> integrations, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var due = await connection.QueryAsync<(Guid, string)>(new CommandDefinition("""
            UPDATE integration_settings SET next_sync_at = @now + make_interval(mins => sync_interval_minutes)
            WHERE enabled AND next_sync_at <= @now AND integration = ANY(@integrations)
            RETURNING org_id, integration
            """, new { now = clock.GetUtcNow(), integrations = integrations.ToArray() },
            cancellationToken: cancellationToken));
        return [.. due];
    }

    private const string RowColumns = """
        integration, enabled, plain_values::text AS PlainJson, protected_secrets AS ProtectedSecrets,
        array_to_json(secret_names)::text AS SecretNamesJson, sync_interval_minutes AS SyncIntervalMinutes, next_sync_at AS NextSyncAt,
        last_test_at AS LastTestAt, last_test_ok AS LastTestOk, last_test_message AS LastTestMessage, updated_at AS UpdatedAt
        """;

    private SavedIntegrationSettings ToSettings(SettingsRow row)
    {
        var values = JsonSerializer.Deserialize<Dictionary<string, string>>(row.PlainJson, Json) ?? [];
        if (row.ProtectedSecrets is { } protectedSecrets)
        {
            foreach (var (name, secret) in JsonSerializer.Deserialize<Dictionary<string, string>>(
                         protector.Unprotect(protectedSecrets), Json) ?? [])
            {
                values[name] = secret;
            }
        }
        return new SavedIntegrationSettings(row.Integration, row.Enabled, new IntegrationValues(values),
            JsonSerializer.Deserialize<string[]>(row.SecretNamesJson, Json) ?? [],
            row.SyncIntervalMinutes, UtcInstants.From(row.NextSyncAt), UtcInstants.From(row.LastTestAt), row.LastTestOk, row.LastTestMessage,
            UtcInstants.From(row.UpdatedAt));
    }

    private static object Audited(SavedIntegrationSettings settings) => new
    {
        settings.Enabled,
        values = settings.Values.All.Where(pair => !settings.SecretNames.Contains(pair.Key))
            .ToDictionary(pair => pair.Key, pair => pair.Value),
        secretsSet = settings.SecretNames,
        settings.SyncIntervalMinutes,
    };

    private sealed record SettingsRow(
        string Integration,
        bool Enabled,
        string PlainJson,
        string? ProtectedSecrets,
        string SecretNamesJson,
        int? SyncIntervalMinutes,
        DateTime? NextSyncAt,
        DateTime? LastTestAt,
        bool? LastTestOk,
        string? LastTestMessage,
        DateTime UpdatedAt);
}

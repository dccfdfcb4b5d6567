using BillingOne.BuildingBlocks.Auditing;
using BillingOne.BuildingBlocks.Data;
using Dapper;
using Npgsql;

namespace BillingOne.Invoice.Data;

/// <param name="TaxType">Xero's tax type for the lines (<c>TaxType</c>); null leaves the account's default tax rate.</param>
public sealed record AccountMapping(string BillingType, string AccountCode, DateTimeOffset UpdatedAt, string? TaxType = null);

/// <summary>Which account code and tax type each billing type is invoiced with; every change audited as its caller.</summary>
public sealed class AccountMappingStore(NpgsqlDataSource dataSource, IAuditTrail audit, TimeProvider clock)
{
    private const string Table = "account_mappings";

    public async Task<IReadOnlyList<AccountMapping>> ListAsync(Guid orgId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition("""
            SELECT billing_type AS BillingType, account_code AS AccountCode, updated_at AS UpdatedAt, tax_type AS TaxType
            FROM account_mappings WHERE org_id = @orgId ORDER BY billing_type
            """, new { orgId }, cancellationToken: cancellationToken));
        return [.. rows.Select(row => row.ToMapping())];
    }

    public async Task<AccountMapping> SaveAsync(Guid orgId, string billingType, string accountCode, string? taxType,
        CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var before = await FindAsync(connection, transaction, orgId, billingType, cancellationToken);
        var row = await connection.QuerySingleAsync<Row>(new CommandDefinition("""
            INSERT INTO account_mappings (org_id, billing_type, account_code, tax_type, updated_at)
            VALUES (@orgId, @billingType, @accountCode, @taxType, @now)
            ON CONFLICT (org_id, billing_type) DO UPDATE SET account_code = excluded.account_code,
                tax_type = excluded.tax_type, updated_at = excluded.updated_at
            RETURNING billing_type AS BillingType, account_code AS AccountCode, updated_at AS UpdatedAt, tax_type AS TaxType
            """, new { orgId, billingType, accountCode, taxType, now = clock.GetUtcNow() }, transaction,
            cancellationToken: cancellationToken));
        await audit.RecordAsync(transaction, before is null ? AuditActions.Create : AuditActions.Update, Table, billingType,
            before is null ? null : new { before.AccountCode, before.TaxType }, new { row.AccountCode, row.TaxType }, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return row.ToMapping();
    }

    public async Task<bool> DeleteAsync(Guid orgId, string billingType, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var before = await FindAsync(connection, transaction, orgId, billingType, cancellationToken);
        if (before is null)
        {
            return false;
        }
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM account_mappings WHERE org_id = @orgId AND billing_type = @billingType",
            new { orgId, billingType }, transaction, cancellationToken: cancellationToken));
        await audit.RecordAsync(transaction, AuditActions.Delete, Table, billingType, new { before.AccountCode, before.TaxType }, null,
            cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private static Task<Row?> FindAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid orgId,
        string billingType, CancellationToken cancellationToken) =>
        connection.QuerySingleOrDefaultAsync<Row?>(new CommandDefinition("""
            SELECT billing_type AS BillingType, account_code AS AccountCode, updated_at AS UpdatedAt, tax_type AS TaxType
            FROM account_mappings WHERE org_id = @orgId AND billing_type = @billingType FOR UPDATE
            """, new { orgId, billingType }, transaction, cancellationToken: cancellationToken));

    private sealed record Row(string BillingType, string AccountCode, DateTime UpdatedAt, string? TaxType)
    {
        public AccountMapping ToMapping() => new(BillingType, AccountCode, UtcInstants.From(UpdatedAt), TaxType);
    }
}

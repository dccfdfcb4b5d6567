using BillingOne.BuildingBlocks.Paging;
using Dapper;
using Npgsql;

namespace BillingOne.Metering.Data;

/// <summary>
/// Reads a table of an organization's background runs (billing runs, provisioning runs): one run by id, or a page of
/// them newest first. Each store names its table, its columns and the instant that orders its runs.
/// </summary>
internal sealed record RunTable(string Name, string Columns, string NewestFirstBy)
{
    public async Task<TRow?> FindAsync<TRow>(NpgsqlDataSource dataSource, Guid orgId, Guid id,
        CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<TRow>(new CommandDefinition($"""
            SELECT {Columns} FROM {Name} WHERE org_id = @orgId AND id = @id
            """, new { orgId, id }, cancellationToken: cancellationToken));
    }

    public async Task<PagedResult<TRow>> ListAsync<TRow>(NpgsqlDataSource dataSource, Guid orgId, PageRequest page,
        CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var results = await connection.QueryMultipleAsync(new CommandDefinition($"""
            SELECT count(*) FROM {Name} WHERE org_id = @orgId;
            SELECT {Columns} FROM {Name} WHERE org_id = @orgId
            ORDER BY {NewestFirstBy} DESC, id DESC LIMIT @limit OFFSET @offset;
            """, new { orgId, limit = page.PageSize, offset = page.Offset }, cancellationToken: cancellationToken));
        var totalCount = await results.ReadSingleAsync<long>();
        var rows = (await results.ReadAsync<TRow>()).ToList();
        return new PagedResult<TRow>(rows, page.Page, page.PageSize, totalCount);
    }
}

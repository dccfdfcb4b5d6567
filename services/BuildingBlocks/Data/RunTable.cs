using BillingOne.BuildingBlocks.Paging;
using Dapper;
using Npgsql;

namespace BillingOne.BuildingBlocks.Data;

/// <summary>
/// Reads a table of an organization's background runs (billing runs, provisioning runs, vendor syncs): one run by id, or a page of
/// them newest first. Each store names its table, its columns and the instant that orders its runs.
/// </summary>
public sealed record RunTable(string Name, string Columns, string NewestFirstBy)
{
    public async Task<TRow?> FindAsync<TRow>(NpgsqlDataSource dataSource, Guid orgId, Guid id,
        CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<TRow>(new CommandDefinition($"""
            SELECT {Columns} FROM {Name} WHERE org_id = @orgId AND id = @id
            """, new { orgId, id }, cancellationToken: cancellationToken));
    }

    /// <summary>A page of the organization's runs, newest first; <paramref name="kind"/> keeps those of one kind only.</summary>
    public async Task<PagedResult<TRow>> ListAsync<TRow>(NpgsqlDataSource dataSource, Guid orgId, PageRequest page,
        CancellationToken cancellationToken, RunKindFilter? kind = null)
    {
        var where = kind is null ? "org_id = @orgId" : $"org_id = @orgId AND {kind.Column} = @kind";
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var results = await connection.QueryMultipleAsync(new CommandDefinition($"""
            SELECT count(*) FROM {Name} WHERE {where};
            SELECT {Columns} FROM {Name} WHERE {where}
            ORDER BY {NewestFirstBy} DESC, id DESC LIMIT @limit OFFSET @offset;
            """, new { orgId, kind = kind?.Value, limit = page.PageSize, offset = page.Offset },
            cancellationToken: cancellationToken));
        var totalCount = await results.ReadSingleAsync<long>();
        var rows = (await results.ReadAsync<TRow>()).ToList();
        return new PagedResult<TRow>(rows, page.Page, page.PageSize, totalCount);
    }
}

/// <summary>Runs whose <see cref="Column"/> equals <see cref="Value"/>, e.g. the syncs of one integration.</summary>
public sealed record RunKindFilter(string Column, string Value);

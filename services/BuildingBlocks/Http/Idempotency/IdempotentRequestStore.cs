using BillingOne.BuildingBlocks.Retention;
using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;

namespace BillingOne.BuildingBlocks.Http.Idempotency;

/// <summary>Who may reuse a key: a key belongs to one caller (user or API key) of one organization.</summary>
public sealed record IdempotencyScope(Guid OrgId, Guid ActorId, string Key);

/// <summary>What makes two requests "the same request": method, path with query, and the body's SHA-256.</summary>
public sealed record RequestFingerprint(string Method, string Path, byte[] BodySha256)
{
    public bool Matches(RequestFingerprint other) =>
        Method == other.Method && Path == other.Path && BodySha256.AsSpan().SequenceEqual(other.BodySha256);
}

/// <summary>The kept answer to a request.</summary>
public sealed record StoredResponse(int StatusCode, string? ContentType, string? Location, byte[] Body);

/// <summary>What became of a reservation attempt.</summary>
public abstract record Reservation
{
    private Reservation()
    {
    }

    /// <summary>The key is this request's: run it, then complete or release the key.</summary>
    public sealed record Reserved : Reservation;

    /// <summary>The same request already has an answer.</summary>
    public sealed record Replay(StoredResponse Response) : Reservation;

    /// <summary>The key was used for another request.</summary>
    public sealed record Mismatch : Reservation;

    /// <summary>The same request with the key is still running.</summary>
    public sealed record InFlight : Reservation;
}

/// <summary>
/// The <c>idempotent_requests</c> table of the service's own database (shared migration 0004). Every time comes from
/// the caller's clock, so expiry follows the service's <see cref="TimeProvider"/>.
/// </summary>
public sealed class IdempotentRequestStore(NpgsqlDataSource dataSource, IOptions<IdempotencyOptions> options)
{
    private sealed record Row(string Method, string Path, byte[] BodySha256, bool Completed, int? StatusCode,
        string? ContentType, string? Location, byte[]? ResponseBody);

    /// <summary>
    /// Reserves the key for <paramref name="request"/> unless a live row holds it. One statement decides, so of two
    /// concurrent requests exactly one runs; an expired or abandoned row is taken over as if it were absent.
    /// </summary>
    public async Task<Reservation> ReserveAsync(IdempotencyScope scope, RequestFingerprint request,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        // A row deleted between the insert and the read (its request failed) leaves nothing to read: try again.
        for (var attempt = 0; ; attempt++)
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            var reserved = await connection.ExecuteAsync(new CommandDefinition("""
                INSERT INTO idempotent_requests
                    (org_id, actor_id, idempotency_key, method, path, body_sha256, created_at)
                VALUES (@OrgId, @ActorId, @Key, @Method, @Path, @BodySha256, @Now)
                ON CONFLICT (org_id, actor_id, idempotency_key) DO UPDATE SET
                    method = excluded.method, path = excluded.path, body_sha256 = excluded.body_sha256,
                    created_at = excluded.created_at, completed = false, status_code = NULL, content_type = NULL,
                    location = NULL, response_body = NULL
                WHERE idempotent_requests.created_at <= @ExpiredAt
                   OR (NOT idempotent_requests.completed AND idempotent_requests.created_at <= @AbandonedAt)
                """,
                new
                {
                    scope.OrgId, scope.ActorId, scope.Key, request.Method, request.Path, request.BodySha256,
                    Now = now, ExpiredAt = now - settings.Retention, AbandonedAt = now - settings.AbandonedAfter,
                },
                cancellationToken: cancellationToken));
            if (reserved == 1)
            {
                return new Reservation.Reserved();
            }

            var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition("""
                SELECT method, path, body_sha256 AS BodySha256, completed, status_code AS StatusCode,
                       content_type AS ContentType, location, response_body AS ResponseBody
                FROM idempotent_requests
                WHERE org_id = @OrgId AND actor_id = @ActorId AND idempotency_key = @Key
                """, scope, cancellationToken: cancellationToken));
            if (row is null && attempt < 3)
            {
                continue;
            }
            if (row is null)
            {
                throw new InvalidOperationException("The idempotency key could neither be reserved nor read.");
            }

            if (!request.Matches(new RequestFingerprint(row.Method, row.Path, row.BodySha256)))
            {
                return new Reservation.Mismatch();
            }
            return row.Completed
                ? new Reservation.Replay(new StoredResponse(row.StatusCode!.Value, row.ContentType, row.Location,
                    row.ResponseBody ?? []))
                : new Reservation.InFlight();
        }
    }

    /// <summary>Keeps the answer of the request that holds the reservation.</summary>
    public async Task CompleteAsync(IdempotencyScope scope, StoredResponse response,
        CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE idempotent_requests
            SET completed = true, status_code = @StatusCode, content_type = @ContentType, location = @Location,
                response_body = @Body
            WHERE org_id = @OrgId AND actor_id = @ActorId AND idempotency_key = @Key AND NOT completed
            """,
            new
            {
                scope.OrgId, scope.ActorId, scope.Key, response.StatusCode, response.ContentType, response.Location,
                response.Body,
            },
            cancellationToken: cancellationToken));
    }

    /// <summary>Gives the key up, so a retry runs the request again (it failed, or its answer is not kept).</summary>
    public async Task ReleaseAsync(IdempotencyScope scope, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("""
            DELETE FROM idempotent_requests
            WHERE org_id = @OrgId AND actor_id = @ActorId AND idempotency_key = @Key AND NOT completed
            """, scope, cancellationToken: cancellationToken));
    }

    /// <summary>Deletes up to <paramref name="batchSize"/> keys older than the retention; returns how many.</summary>
    public Task<int> DeleteExpiredAsync(DateTimeOffset now, int batchSize, CancellationToken cancellationToken) =>
        ExpiredRows.DeleteBatchAsync(dataSource, "idempotent_requests", "created_at <= @cutoff",
            now - options.Value.Retention, batchSize, cancellationToken);
}

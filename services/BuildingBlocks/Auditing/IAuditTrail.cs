using Npgsql;

namespace BillingOne.BuildingBlocks.Auditing;

/// <summary>Actions the audit log names.</summary>
public static class AuditActions
{
    public const string Create = "create";
    public const string Update = "update";
    public const string Delete = "delete";
    public const string Enable = "enable";
    public const string Disable = "disable";
    public const string Revoke = "revoke";
    public const string SignIn = "sign-in";
    public const string Lock = "lock";
    public const string Retry = "retry";

    /// <summary>Every record of a kind announced again, for read models elsewhere to catch up.</summary>
    public const string Republish = "republish";
}

/// <summary>Who an audit entry names as having made the change.</summary>
public sealed record AuditActor(Guid OrgId, string ActorType, Guid ActorId, Guid? ApiKeyId)
{
    /// <summary>The service itself, for changes no caller asked for (start-up seeding, scheduled jobs).</summary>
    public static AuditActor Service(Guid orgId) => new(orgId, Security.ActorTypes.Service, Guid.Empty, null);
}

/// <summary>Records who changed what, in the transaction of the change.</summary>
public interface IAuditTrail
{
    /// <summary>
    /// Writes one append-only entry for the current caller inside <paramref name="transaction"/>, and announces it
    /// through the outbox so the organization-wide Audit Log sees it. Values are serialized as JSON.
    /// </summary>
    Task RecordAsync(NpgsqlTransaction transaction, string action, string table, string recordId,
        object? oldValues, object? newValues, CancellationToken cancellationToken = default);

    /// <summary>The same, naming <paramref name="actor"/> instead of the request's caller.</summary>
    Task RecordAsync(NpgsqlTransaction transaction, AuditActor actor, string action, string table, string recordId,
        object? oldValues, object? newValues, CancellationToken cancellationToken = default);
}

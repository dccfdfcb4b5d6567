namespace BillingOne.Metering.Domain;

/// <summary>How an asset's client was set; the API and the database spell them the same.</summary>
public static class AssignedBy
{
    /// <summary>The readings that discovered it came with a client-scoped API key.</summary>
    public const string Key = "key";

    /// <summary>An assignment rule matched it.</summary>
    public const string Rule = "rule";

    /// <summary>A person assigned it.</summary>
    public const string Manual = "manual";
}

/// <summary>An asset of one organization as the Assets screens show it.</summary>
/// <param name="UnitTypeKeys">Every unit type key the asset has reported, in order.</param>
/// <param name="UnboundUnitTypeKeys">The keys no bucket binding of the asset covers yet.</param>
public sealed record Asset(
    Guid Id,
    string Source,
    string ExternalId,
    string? Description,
    string? ClientName,
    AssetState State,
    DateTimeOffset FirstSeenAt,
    DateTimeOffset LastSeenAt,
    DateTimeOffset CreatedAt,
    IReadOnlyList<string> UnitTypeKeys,
    IReadOnlyList<string> UnboundUnitTypeKeys)
{
    /// <summary>What lists show: the name a person gave it, else its external id.</summary>
    public string DisplayName => State.Name ?? ExternalId;
}

/// <summary>The members of an asset that people change; readings change the rest.</summary>
public sealed record AssetState(
    string? Name,
    Guid? ClientId,
    string? AssignedBy,
    DateTimeOffset? AcknowledgedAt,
    bool Enabled,
    DateTimeOffset? DisregardedAt);

/// <summary>
/// One change a person makes to an asset, named as the audit log names it. Applying a change that is already in
/// effect returns the state unchanged, which the store then neither writes nor audits (actions are idempotent).
/// </summary>
public sealed record AssetChange(string Action, Func<AssetState, DateTimeOffset, AssetState> Apply)
{
    public const int MaxNameLength = 200;

    /// <summary>The audit action of giving an asset a client, by a person or a rule.</summary>
    public const string AssignAction = "assign";

    public static AssetChange Acknowledge { get; } =
        new("acknowledge", (state, now) => state with { AcknowledgedAt = state.AcknowledgedAt ?? now });

    public static AssetChange Enable { get; } = new("enable", (state, _) => state with { Enabled = true });

    public static AssetChange Disable { get; } = new("disable", (state, _) => state with { Enabled = false });

    public static AssetChange Disregard { get; } =
        new("disregard", (state, now) => state with { DisregardedAt = state.DisregardedAt ?? now });

    public static AssetChange Restore { get; } = new("restore", (state, _) => state with { DisregardedAt = null });

    public static AssetChange Unassign { get; } =
        new("unassign", (state, _) => state with { ClientId = null, AssignedBy = null });

    /// <summary>Assigning the client the asset already has keeps how it was assigned.</summary>
    public static AssetChange Assign(Guid clientId) => new(AssignAction, (state, _) =>
        state.ClientId == clientId ? state : state with { ClientId = clientId, AssignedBy = AssignedBy.Manual });

    /// <summary>
    /// Sets the display name from a request's <c>name</c>: trimmed, empty clears it (lists fall back to the external
    /// id), absent (null) changes nothing. Null with an error under <c>name</c> when it is too long or has control
    /// characters.
    /// </summary>
    public static AssetChange? Rename(string? name, IDictionary<string, string[]> errors)
    {
        var trimmed = name?.Trim();
        if (trimmed is not null && (trimmed.Length > MaxNameLength || trimmed.Any(char.IsControl)))
        {
            errors["name"] = [$"name must be at most {MaxNameLength} characters without control characters " +
                "(empty clears it)."];
            return null;
        }
        var newName = trimmed is { Length: > 0 } ? trimmed : null;
        return new("rename", (state, _) => trimmed is null ? state : state with { Name = newName });
    }
}

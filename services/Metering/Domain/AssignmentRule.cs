namespace BillingOne.Metering.Domain;

/// <summary>Which field of an asset an assignment rule's glob is matched against.</summary>
public enum AssignmentTarget
{
    /// <summary>The asset's external id (the "Asset ID" users see).</summary>
    AssetId,
    Source,
}

/// <summary>The names targets go by in the API and the database.</summary>
public static class AssignmentTargets
{
    public const string AssetId = "asset-id";
    public const string Source = "source";

    public static string ToApiName(this AssignmentTarget target) => target switch
    {
        AssignmentTarget.AssetId => AssetId,
        AssignmentTarget.Source => Source,
        _ => throw new ArgumentOutOfRangeException(nameof(target), target, "Unknown assignment target."),
    };

    public static AssignmentTarget? Parse(string? name) => name?.Trim().ToLowerInvariant() switch
    {
        AssetId => AssignmentTarget.AssetId,
        Source => AssignmentTarget.Source,
        _ => null,
    };
}

/// <summary>
/// A validated assignment rule: a new, unassigned asset whose <see cref="Target"/> field matches
/// <see cref="Pattern"/> (a <see cref="GlobPattern"/>) goes to <see cref="ClientId"/>.
/// </summary>
public sealed record AssignmentRuleDefinition(string Pattern, AssignmentTarget Target, Guid ClientId)
{
    public const int MaxPatternLength = 200;

    /// <summary>
    /// Validates a new rule: <paramref name="pattern"/> and <paramref name="clientId"/> are required, the target
    /// defaults to the asset id. Returns null and fills <paramref name="errors"/> (by JSON member) otherwise.
    /// </summary>
    public static AssignmentRuleDefinition? Create(string? pattern, string? target, Guid? clientId,
        IDictionary<string, string[]> errors)
    {
        var trimmedPattern = pattern?.Trim();
        if (string.IsNullOrEmpty(trimmedPattern) || trimmedPattern.Length > MaxPatternLength
            || trimmedPattern.Any(char.IsControl))
        {
            errors["pattern"] = [$"pattern must be a glob of 1–{MaxPatternLength} characters without control " +
                "characters (* matches any run of characters, ? exactly one)."];
        }

        var parsedTarget = string.IsNullOrWhiteSpace(target) ? AssignmentTarget.AssetId : AssignmentTargets.Parse(target);
        if (parsedTarget is null)
        {
            errors["target"] = [$"target must be '{AssignmentTargets.AssetId}' or '{AssignmentTargets.Source}'."];
        }

        if (clientId is null || clientId == Guid.Empty)
        {
            errors["clientId"] = ["clientId is required."];
        }

        return errors.Count == 0 ? new AssignmentRuleDefinition(trimmedPattern!, parsedTarget!.Value, clientId!.Value) : null;
    }
}

/// <summary>A saved assignment rule.</summary>
/// <param name="AssignedAssets">
/// On creation, how many unassigned assets the new rule assigned at once; when listed, how many assets of the rule's
/// client that the pattern matches are assigned by a rule now.
/// </param>
public sealed record AssignmentRule(Guid Id, AssignmentRuleDefinition Definition, string? ClientName,
    DateTimeOffset CreatedAt, int AssignedAssets);

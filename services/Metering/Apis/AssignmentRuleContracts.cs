using System.ComponentModel;
using BillingOne.Metering.Domain;

namespace BillingOne.Metering.Apis;

/// <summary>A new assignment rule.</summary>
public sealed record CreateAssignmentRuleRequest(
    [property: Description("Glob of 1–200 characters, matched ignoring case against the whole value: * is any run " +
        "of characters, ? exactly one.")]
    string? Pattern,
    [property: Description("asset-id (default) or source: the asset field the pattern is matched against.")]
    string? Target,
    [property: Description("The client matching assets go to; metering must know it.")] Guid? ClientId);

public sealed record AssignmentRuleResponse(
    Guid Id,
    string Pattern,
    [property: Description("asset-id or source.")] string Target,
    Guid ClientId,
    string? ClientName,
    DateTimeOffset CreatedAt,
    [property: Description("On creation: the unassigned assets the rule assigned at once. In the list: the assets " +
        "of its client that it matches and that a rule assigned.")]
    int AssignedAssets)
{
    public static AssignmentRuleResponse From(AssignmentRule rule) => new(rule.Id, rule.Definition.Pattern,
        rule.Definition.Target.ToApiName(), rule.Definition.ClientId, rule.ClientName, rule.CreatedAt,
        rule.AssignedAssets);
}

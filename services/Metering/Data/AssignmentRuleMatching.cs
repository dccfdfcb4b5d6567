using BillingOne.Metering.Domain;

namespace BillingOne.Metering.Data;

/// <summary>
/// Assignment rules as parallel arrays, so that SQL matches a whole set of assets against them in one statement
/// (<see cref="Unnest"/> in a FROM clause, <see cref="Matches"/> in a condition). Dapper binds the properties as
/// the statement's <c>@rule…</c> parameters.
/// </summary>
internal sealed record AssignmentRuleMatching(Guid[] RuleIds, string[] RuleTargets, string[] RulePatterns,
    Guid[] RuleClients)
{
    /// <summary>
    /// Rows <c>(rule_id, target, like_pattern, client_id, position)</c>, position following the given order.
    /// </summary>
    public const string Unnest = """
        unnest(@RuleIds::uuid[], @RuleTargets::text[], @RulePatterns::text[], @RuleClients::uuid[]) WITH ORDINALITY
        """;

    public const string UnnestColumns = "(rule_id, target, like_pattern, client_id, position)";

    public static AssignmentRuleMatching From(IReadOnlyList<(Guid Id, AssignmentRuleDefinition Definition)> rules) => new(
        rules.Select(rule => rule.Id).ToArray(),
        rules.Select(rule => rule.Definition.Target.ToApiName()).ToArray(),
        rules.Select(rule => GlobPattern.ToLikePattern(rule.Definition.Pattern)).ToArray(),
        rules.Select(rule => rule.Definition.ClientId).ToArray());

    /// <summary>
    /// The condition "rule <paramref name="rule"/> matches asset <paramref name="asset"/>" (both SQL aliases).
    /// </summary>
    public static string Matches(string rule, string asset) =>
        $"(CASE {rule}.target WHEN '{AssignmentTargets.Source}' THEN {asset}.source ELSE {asset}.external_id END) " +
        $"ILIKE {rule}.like_pattern";
}

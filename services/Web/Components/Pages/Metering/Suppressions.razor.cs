using BillingOne.Web.Api;
using BillingOne.Web.Components.Shared;
using BillingOne.Web.Formatting;

namespace BillingOne.Web.Components.Pages.Metering;

/// <summary>
/// Ingest Suppressions: the organization's rules (the seed's columns, a page at a time), adding one and deleting
/// one after a confirmation. Rules are never edited (the service has no update), so the page offers none.
/// </summary>
public sealed partial class Suppressions() : ListAddressComponentBase<Suppression, SuppressionListQuery>(new SuppressionListQuery())
{
    // The names the service's validation problem uses for its field errors.
    private const string PatternField = "pattern";
    private const string TypeField = "type";
    private const string TargetField = "target";
    private const string ReasonField = "reason";
    private static readonly string[] CreateFields = [PatternField, TypeField, TargetField, ReasonField];

    private NewRule newRule = new();
    private readonly FormErrors createErrors = new();

    private Guid? pendingDelete;

    protected override Task<PagedList<Suppression>> FetchPageAsync(CancellationToken cancellationToken) =>
        Gateway.GetSuppressionsAsync(Query.Page, Query.PageSize, cancellationToken);

    private async Task CreateRuleAsync()
    {
        createErrors.Reset();
        if (string.IsNullOrWhiteSpace(newRule.Pattern))
        {
            createErrors.Refuse(PatternField, "Enter the pattern of the assets to drop.");
            return;
        }

        var rule = new CreateSuppressionRequest(
            newRule.Pattern.Trim(), newRule.Type, newRule.Target, FormText.OrNull(newRule.Reason));
        if (await ChangeAsync(
                cancellationToken => Gateway.CreateSuppressionAsync(rule, cancellationToken),
                created => $"Readings matching “{created.Pattern}” are dropped at ingest from now on.",
                createErrors.Report))
        {
            newRule = new NewRule();
        }
    }

    private void AskToDelete(Suppression rule)
    {
        ChangeProblem = null;
        Status = null;
        pendingDelete = rule.Id;
    }

    private async Task DeleteAsync(Suppression rule)
    {
        await ChangeAsync(
            cancellationToken => Gateway.DeleteSuppressionAsync(rule.Id, cancellationToken),
            $"The rule “{rule.Pattern}” is deleted: matching readings are ingested again.");
        pendingDelete = null;
    }

    private static string SuppressedLabel(long count) => count switch
    {
        0 => "nothing suppressed yet",
        1 => "1 reading suppressed",
        _ => $"{QuantityFormat.Count(count)} readings suppressed",
    };

    private sealed class NewRule
    {
        public string Pattern { get; set; } = string.Empty;
        // The service's own defaults: a glob on the asset id.
        public string Type { get; set; } = SuppressionTypes.Glob;
        public string Target { get; set; } = SuppressionTargets.AssetId;
        public string Reason { get; set; } = string.Empty;
    }
}

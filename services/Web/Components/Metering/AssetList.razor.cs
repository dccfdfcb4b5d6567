using BillingOne.Web.Api;
using BillingOne.Web.Components.Shared;
using Microsoft.AspNetCore.Components;

namespace BillingOne.Web.Components.Metering;

/// <summary>
/// The Assets list (seed "Assets") for the all, unassigned and new views, which are pages of their own: search,
/// client, source and enabled filters, sort, paging, each row's usage over the last 30 days, and for those who
/// may change billing data acknowledging (one or the whole page), enabling, disabling, disregarding, assigning
/// to a client, unassigning and renaming.
/// </summary>
public sealed partial class AssetList
{
    private const int Columns = 9;

    // The member the service's validation problem names for a rename.
    private const string NameField = "name";
    private static readonly string[] RenameFields = [NameField];

    private readonly HashSet<Guid> expanded = [];

    private Guid? renaming;
    private string renameText = string.Empty;
    private readonly FormErrors renameErrors = new();

    private Guid? assigning;
    private Guid? assignTo;

    private Guid? pendingDisregard;

    /// <summary>One of <see cref="AssetViews.All"/>, <see cref="AssetViews.Unassigned"/> or <see cref="AssetViews.New"/>.</summary>
    [Parameter, EditorRequired]
    public string View { get; set; } = AssetViews.All;

    protected override string ListedView => View;

    private Task FilterByClientAsync(Guid? clientId) => ShowAsync(Query with { ClientId = clientId });

    private Task FilterBySourceAsync(ChangeEventArgs change) =>
        ShowAsync(Query with { Source = FormText.OrNull(change.Value as string) });

    private Task FilterByEnabledAsync(ChangeEventArgs change) =>
        ShowAsync(Query with { Enabled = SelectValues.ParseFlag(change.Value) });

    private void ToggleUsage(Guid assetId)
    {
        if (!expanded.Remove(assetId))
        {
            expanded.Add(assetId);
        }
    }

    private Task AcknowledgePageAsync()
    {
        var assetIds = List?.Items.Where(asset => !asset.Acknowledged).Select(asset => asset.Id).ToList() ?? [];
        return ChangeAsync(
            cancellationToken => Gateway.AcknowledgeAssetsAsync(assetIds, cancellationToken),
            answer => answer.Acknowledged == 1 ? "Acknowledged 1 asset." : $"Acknowledged {answer.Acknowledged} assets.");
    }

    private void StartRenaming(Asset asset)
    {
        assigning = null;
        renaming = asset.Id;
        renameText = asset.Name ?? string.Empty;
        renameErrors.Reset();
    }

    private async Task RenameAsync(Asset asset)
    {
        renameErrors.Reset();
        var name = renameText.Trim();
        var renamed = await ChangeAsync(
            cancellationToken => Gateway.RenameAssetAsync(asset.Id, name, cancellationToken),
            answer => answer.Name is null
                ? $"“{answer.ExternalId}” has no name any more."
                : $"“{answer.ExternalId}” is now called “{answer.Name}”.",
            renameErrors.Report);
        if (renamed)
        {
            renaming = null;
        }
    }

    private void StartAssigning(Asset asset)
    {
        renaming = null;
        assigning = asset.Id;
        assignTo = asset.ClientId;
    }

    private async Task AssignAsync(Asset asset)
    {
        if (assignTo is not { } clientId)
        {
            return;
        }

        var assigned = await ChangeAsync(
            cancellationToken => Gateway.AssignAssetAsync(asset.Id, clientId, cancellationToken),
            answer => $"“{answer.DisplayName}” belongs to {answer.ClientName} now.");
        if (assigned)
        {
            assigning = null;
        }
    }

    private void AskToDisregard(Asset asset)
    {
        ChangeProblem = null;
        Status = null;
        pendingDisregard = asset.Id;
    }

    private async Task DisregardAsync(Asset asset)
    {
        await ApplyAsync(asset, AssetAction.Disregard,
            $"“{asset.DisplayName}” is disregarded: find it under Disregarded Assets to restore it.");
        pendingDisregard = null;
    }
}

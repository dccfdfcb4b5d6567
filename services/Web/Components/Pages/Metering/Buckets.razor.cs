using BillingOne.Web.Api;
using BillingOne.Web.Components.Metering;
using BillingOne.Web.Components.Shared;
using Microsoft.AspNetCore.Components;

namespace BillingOne.Web.Components.Pages.Metering;

/// <summary>
/// Billing Buckets (seed columns): every client's buckets with the open period's usage, searched, filtered by
/// source, client, unit type, reviewed and enabled, sorted and paged; each opens to the assets bound to it and to
/// its billing history (overage and buffer per billed period). Owners, admins and finance add, change, review,
/// enable, disable and delete buckets, unbind assets and run auto-provisioning.
/// </summary>
public sealed partial class Buckets() : QueriedListComponentBase<Bucket, BucketListQuery>(new BucketListQuery())
{
    private const int Columns = 12;

    private IReadOnlyList<UnitType> unitTypes = [];
    private ApiProblem? unitTypesProblem;

    private BucketDraft newBucket = new();
    private readonly FormErrors createErrors = new();

    private Guid? editing;
    private BucketDraft editDraft = new();
    private readonly FormErrors editErrors = new();

    private Guid? showingAssets;
    private Guid? showingHistory;
    private Guid? pendingDelete;

    protected override async Task OnInitializedAsync()
    {
        // The unit types the filter and the form offer load alongside the first page.
        var loadingUnitTypes = CallAsync(cancellationToken =>
            Gateway.GetUnitTypesAsync(1, ApiQuery.MaxPageSize, cancellationToken));
        await base.OnInitializedAsync();
        var loadedUnitTypes = await loadingUnitTypes;
        unitTypes = loadedUnitTypes.Value?.Items ?? [];
        unitTypesProblem = loadedUnitTypes.Problem;
    }

    protected override Task<PagedList<Bucket>> FetchPageAsync(CancellationToken cancellationToken) =>
        Gateway.GetBucketsAsync(Query, cancellationToken);

    private Task FilterBySourceAsync(ChangeEventArgs change) =>
        ShowAsync(Query with { SourceType = FormText.OrNull(change.Value as string) });

    private Task FilterByClientAsync(Guid? clientId) => ShowAsync(Query with { ClientId = clientId });

    private Task FilterByUnitTypeAsync(ChangeEventArgs change) =>
        ShowAsync(Query with { UnitTypeId = SelectValues.Id(change.Value) });

    private async Task CreateAsync()
    {
        createErrors.Reset();
        if (newBucket.ToCreateRequest(createErrors) is not { } request)
        {
            return;
        }

        if (await ChangeAsync(
                cancellationToken => Gateway.CreateBucketAsync(request, cancellationToken),
                created => $"Added the bucket “{created.Name}” for {created.ClientName}.",
                createErrors.Report))
        {
            newBucket = new BucketDraft();
        }
    }

    private void StartEditing(Bucket bucket)
    {
        pendingDelete = null;
        editing = bucket.Id;
        editDraft = BucketDraft.From(bucket);
        editErrors.Reset();
    }

    private async Task SaveAsync(Bucket bucket)
    {
        editErrors.Reset();
        if (editDraft.ToUpdateRequest(editErrors) is not { } change)
        {
            return;
        }

        if (await ChangeAsync(
                cancellationToken => Gateway.UpdateBucketAsync(bucket.Id, change, cancellationToken),
                saved => $"Saved the bucket “{saved.Name}”.",
                editErrors.Report))
        {
            editing = null;
        }
    }

    private Task UpdateAsync(Bucket bucket, UpdateBucketRequest change, string done) =>
        ChangeAsync(cancellationToken => Gateway.UpdateBucketAsync(bucket.Id, change, cancellationToken), _ => done);

    private void ToggleAssets(Bucket bucket) => showingAssets = showingAssets == bucket.Id ? null : bucket.Id;

    private void ToggleHistory(Bucket bucket) => showingHistory = showingHistory == bucket.Id ? null : bucket.Id;

    private void AskToDelete(Bucket bucket)
    {
        ChangeProblem = null;
        Status = null;
        editing = null;
        pendingDelete = bucket.Id;
    }

    private async Task DeleteAsync(Bucket bucket)
    {
        await ChangeAsync(
            cancellationToken => Gateway.DeleteBucketAsync(bucket.Id, cancellationToken),
            $"Deleted the bucket “{bucket.Name}”.");
        pendingDelete = null;
    }
}

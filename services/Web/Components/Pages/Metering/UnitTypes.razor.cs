using BillingOne.Web.Api;
using BillingOne.Web.Components.Metering;
using BillingOne.Web.Components.Shared;

namespace BillingOne.Web.Components.Pages.Metering;

/// <summary>
/// Unit Types (seed columns): the organization's unit types a page at a time; owners, admins and finance add,
/// change and delete them, with the service's validation messages next to each field.
/// </summary>
public sealed partial class UnitTypes() : ListAddressComponentBase<UnitType, UnitTypeListQuery>(new UnitTypeListQuery())
{
    private const int Columns = 9;

    private UnitTypeDraft newUnitType = new();
    private readonly FormErrors createErrors = new();

    private Guid? editing;
    private UnitTypeDraft editDraft = new();
    private readonly FormErrors editErrors = new();

    private Guid? pendingDelete;

    protected override Task<PagedList<UnitType>> FetchPageAsync(CancellationToken cancellationToken) =>
        Gateway.GetUnitTypesAsync(Query.Page, Query.PageSize, cancellationToken);

    private async Task CreateAsync()
    {
        createErrors.Reset();
        if (newUnitType.ToFields(createErrors, clearsBlanks: false) is not { } fields)
        {
            return;
        }

        if (await ChangeAsync(
                cancellationToken => Gateway.CreateUnitTypeAsync(fields, cancellationToken),
                created => $"Added the unit type “{created.Name}” ({created.Key}).",
                createErrors.Report))
        {
            newUnitType = new UnitTypeDraft();
        }
    }

    private void StartEditing(UnitType unitType)
    {
        pendingDelete = null;
        editing = unitType.Id;
        editDraft = UnitTypeDraft.From(unitType);
        editErrors.Reset();
    }

    private async Task SaveAsync(UnitType unitType)
    {
        editErrors.Reset();
        if (editDraft.ToFields(editErrors, clearsBlanks: true) is not { } fields)
        {
            return;
        }

        if (await ChangeAsync(
                cancellationToken => Gateway.UpdateUnitTypeAsync(unitType.Id, fields, cancellationToken),
                saved => $"Saved the unit type “{saved.Name}”.",
                editErrors.Report))
        {
            editing = null;
        }
    }

    private void AskToDelete(UnitType unitType)
    {
        ChangeProblem = null;
        Status = null;
        editing = null;
        pendingDelete = unitType.Id;
    }

    private async Task DeleteAsync(UnitType unitType)
    {
        await ChangeAsync(
            cancellationToken => Gateway.DeleteUnitTypeAsync(unitType.Id, cancellationToken),
            $"Deleted the unit type “{unitType.Name}”.");
        pendingDelete = null;
    }
}

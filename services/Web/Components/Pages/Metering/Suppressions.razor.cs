using System.Globalization;
using BillingOne.Web.Api;
using BillingOne.Web.Authentication;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace BillingOne.Web.Components.Pages.Metering;

/// <summary>
/// Ingest Suppressions: the organization's rules (the seed's columns, a page at a time), adding one and deleting
/// one after a confirmation. Rules are never edited (the service has no update), so the page offers none.
/// </summary>
public sealed partial class Suppressions : IDisposable
{
    // The names the service's validation problem uses for its field errors.
    private const string PatternField = "pattern";
    private const string TypeField = "type";
    private const string TargetField = "target";
    private const string ReasonField = "reason";
    private static readonly string[] CreateFields = [PatternField, TypeField, TargetField, ReasonField];

    private readonly CancellationTokenSource disposed = new();
    private CurrentUser user = new(null, string.Empty, null);
    private int currentPage = 1;
    private SuppressionPage? rules;
    private ApiProblem? loadProblem;

    private NewRule newRule = new();
    private string? missingPattern;
    private bool isCreating;
    private ApiProblem? createProblem;

    private Guid? pendingDelete;
    private bool isDeleting;
    private ApiProblem? deleteProblem;
    private string? status;

    [Inject]
    private GatewayClient Gateway { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        user = CurrentUser.From((await AuthenticationState).User);
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        try
        {
            var loaded = await Gateway.GetSuppressionsAsync(currentPage, SuppressionPaths.DefaultPageSize, disposed.Token);
            if (loaded.Items.Count == 0 && loaded.Page > 1 && loaded.TotalCount > 0)
            {
                // The last rule of the last page was deleted: show the page that now ends the list.
                currentPage = loaded.PageCount;
                loaded = await Gateway.GetSuppressionsAsync(currentPage, SuppressionPaths.DefaultPageSize, disposed.Token);
            }

            rules = loaded;
            loadProblem = null;
        }
        catch (ApiProblemException exception)
        {
            rules = null;
            loadProblem = exception.Problem;
        }
        catch (OperationCanceledException) when (disposed.IsCancellationRequested)
        {
            // The user left the page.
        }
    }

    private async Task GoToPageAsync(int page)
    {
        currentPage = Math.Max(1, page);
        pendingDelete = null;
        await LoadAsync();
    }

    private IReadOnlyList<string> CreateErrorsFor(string field) =>
        field == PatternField && missingPattern is not null ? [missingPattern] : createProblem?.ErrorsFor(field) ?? [];

    private string? Invalid(string field) => CreateErrorsFor(field).Count > 0 ? "true" : null;

    private async Task CreateRuleAsync()
    {
        createProblem = null;
        status = null;
        missingPattern = string.IsNullOrWhiteSpace(newRule.Pattern) ? "Enter the pattern of the assets to drop." : null;
        if (missingPattern is not null)
        {
            return;
        }

        isCreating = true;
        Suppression created;
        try
        {
            created = await Gateway.CreateSuppressionAsync(
                new CreateSuppressionRequest(
                    newRule.Pattern.Trim(),
                    newRule.Type,
                    newRule.Target,
                    string.IsNullOrWhiteSpace(newRule.Reason) ? null : newRule.Reason.Trim()),
                disposed.Token);
        }
        catch (ApiProblemException exception)
        {
            createProblem = exception.Problem;
            return;
        }
        catch (OperationCanceledException) when (disposed.IsCancellationRequested)
        {
            return;
        }
        finally
        {
            isCreating = false;
        }

        newRule = new NewRule();
        status = $"Readings matching “{created.Pattern}” are dropped at ingest from now on.";
        await LoadAsync();
    }

    private void AskToDelete(Suppression rule)
    {
        deleteProblem = null;
        status = null;
        pendingDelete = rule.Id;
    }

    private async Task DeletePendingRuleAsync()
    {
        if (pendingDelete is not { } ruleId || rules?.Items.FirstOrDefault(rule => rule.Id == ruleId) is not { } rule)
        {
            return;
        }

        isDeleting = true;
        try
        {
            await Gateway.DeleteSuppressionAsync(rule.Id, disposed.Token);
            status = $"The rule “{rule.Pattern}” is deleted: matching readings are ingested again.";
        }
        catch (ApiProblemException exception)
        {
            deleteProblem = exception.Problem;
        }
        catch (OperationCanceledException) when (disposed.IsCancellationRequested)
        {
            return;
        }
        finally
        {
            isDeleting = false;
            pendingDelete = null;
        }

        await LoadAsync();
    }

    private static string SuppressedLabel(long count) => count switch
    {
        0 => "nothing suppressed yet",
        1 => "1 reading suppressed",
        _ => string.Create(CultureInfo.InvariantCulture, $"{count:N0} readings suppressed"),
    };

    public void Dispose()
    {
        disposed.Cancel();
        disposed.Dispose();
    }

    private sealed class NewRule
    {
        public string Pattern { get; set; } = string.Empty;
        // The service's own defaults: a glob on the asset id.
        public string Type { get; set; } = SuppressionTypes.Glob;
        public string Target { get; set; } = SuppressionTargets.AssetId;
        public string Reason { get; set; } = string.Empty;
    }
}

using BillingOne.Web.Api;
using BillingOne.Web.Authentication;

namespace BillingOne.Web.Components;

/// <summary>
/// A page-at-a-time list with changes made from its rows: loads the page (a newer load supersedes one still
/// running), and runs a change, says what it did or what went wrong, and shows the list as it is afterwards.
/// </summary>
public abstract class ListComponentBase<TItem> : GatewayComponentBase
{
    private readonly LatestCall loads = new();

    protected CurrentUser User { get; private set; } = new(null, string.Empty, null);

    protected PagedList<TItem>? List { get; private set; }

    protected ApiProblem? LoadProblem { get; private set; }

    protected bool IsLoading { get; private set; }

    /// <summary>The problem of the last change, unless the change showed it somewhere else (next to a field).</summary>
    protected ApiProblem? ChangeProblem { get; set; }

    /// <summary>What the last change did, in words.</summary>
    protected string? Status { get; set; }

    protected bool IsChanging { get; private set; }

    /// <summary>The page the list shows; <see cref="LoadAsync"/> loads it. A list whose query holds the page
    /// keeps it there.</summary>
    protected virtual int CurrentPage { get; set; } = 1;

    protected abstract Task<PagedList<TItem>> FetchPageAsync(CancellationToken cancellationToken);

    protected override async Task OnInitializedAsync()
    {
        User = await GetCurrentUserAsync();
        await LoadFirstAsync();
    }

    /// <summary>The first load, once the user is known; a list whose query is in the address loads once the
    /// parameters hold it instead.</summary>
    protected virtual Task LoadFirstAsync() => LoadAsync();

    protected async Task LoadAsync()
    {
        IsLoading = true;
        var loaded = await CallAsync(FetchPageAsync, loads.Start(Disposed));
        if (loaded.Abandoned)
        {
            return;
        }

        if (loaded.Value is { Items.Count: 0, TotalCount: > 0 } beyondTheEnd && CurrentPage > beyondTheEnd.PageCount)
        {
            // The last row of the last page went away: show the page that now ends the list.
            CurrentPage = beyondTheEnd.PageCount;
            await LoadAsync();
            return;
        }

        List = loaded.Value;
        LoadProblem = loaded.Problem;
        IsLoading = false;
    }

    protected Task GoToPageAsync(int page)
    {
        CurrentPage = Math.Max(1, page);
        return LoadAsync();
    }

    /// <summary>Runs <paramref name="change"/>, reports it, and reloads the list either way.</summary>
    /// <param name="describe">What the change did, from its answer.</param>
    /// <param name="refused">Shows the problem elsewhere (by a form's fields); by default it is <see cref="ChangeProblem"/>.</param>
    /// <returns>Whether the change was made.</returns>
    protected async Task<bool> ChangeAsync<T>(
        Func<CancellationToken, Task<T>> change, Func<T, string> describe, Action<ApiProblem>? refused = null)
    {
        ChangeProblem = null;
        Status = null;
        IsChanging = true;
        var outcome = await CallAsync(change);
        IsChanging = false;
        if (outcome.Abandoned)
        {
            return false;
        }

        if (outcome.Problem is { } problem)
        {
            (refused ?? (shown => ChangeProblem = shown))(problem);
        }
        else
        {
            Status = describe(outcome.Value!);
        }

        await LoadAsync();
        return outcome.Succeeded;
    }

    protected Task<bool> ChangeAsync(Func<CancellationToken, Task> change, string done) =>
        ChangeAsync(AnsweringTrue(change), _ => done);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            loads.Dispose();
        }

        base.Dispose(disposing);
    }
}

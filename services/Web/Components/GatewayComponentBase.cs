using BillingOne.Web.Api;
using BillingOne.Web.Authentication;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace BillingOne.Web.Components;

/// <summary>What became of one gateway call: its answer, the problem the gateway reported, or neither because the
/// component went away (or a newer call superseded it) before the answer came.</summary>
public readonly record struct CallOutcome<T>(T? Value, ApiProblem? Problem, bool Abandoned)
{
    public bool Succeeded => Problem is null && !Abandoned;
}

/// <summary>
/// A component that calls the gateway: the one place that turns a call into a <see cref="CallOutcome{T}"/>, so a
/// page states what to do with an answer or a problem instead of repeating try/catch blocks, and calls still
/// running when the user leaves are cancelled.
/// </summary>
public abstract class GatewayComponentBase : ComponentBase, IDisposable
{
    private readonly CancellationTokenSource disposed = new();

    [Inject]
    protected GatewayClient Gateway { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    /// <summary>Cancelled when the component is disposed.</summary>
    protected CancellationToken Disposed => disposed.Token;

    protected async Task<CurrentUser> GetCurrentUserAsync() => CurrentUser.From((await AuthenticationState).User);

    /// <summary>The signed-in principal as the auth cookie carries it.</summary>
    protected async Task<System.Security.Claims.ClaimsPrincipal> GetPrincipalAsync() => (await AuthenticationState).User;

    protected Task<CallOutcome<T>> CallAsync<T>(Func<CancellationToken, Task<T>> call) => CallAsync(call, Disposed);

    /// <summary>A call that answers nothing: its outcome's value is true when it succeeded.</summary>
    protected Task<CallOutcome<bool>> CallAsync(Func<CancellationToken, Task> call) => CallAsync(AnsweringTrue(call));

    /// <summary>A call that answers nothing, as one that answers true once done.</summary>
    protected static Func<CancellationToken, Task<bool>> AnsweringTrue(Func<CancellationToken, Task> call) =>
        async cancellationToken =>
        {
            await call(cancellationToken);
            return true;
        };

    /// <param name="cancellationToken">A token linked to <see cref="Disposed"/>, for calls a newer one supersedes.</param>
    protected static async Task<CallOutcome<T>> CallAsync<T>(
        Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            return new(await call(cancellationToken), null, false);
        }
        catch (ApiProblemException exception)
        {
            return new(default, exception.Problem, false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return new(default, null, true);
        }
    }

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            disposed.Cancel();
            disposed.Dispose();
        }
    }
}

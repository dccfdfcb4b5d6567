using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace BillingOne.Web.Authentication;

/// <summary>
/// Fills the circuit's <see cref="SessionTokenHolder"/> from the user the circuit was opened with. Blazor sets the
/// circuit's authentication state from the SignalR connection's user (the auth cookie) before any component
/// renders and updates it when a reconnection brings a different user, so following it keeps the token current.
/// </summary>
internal sealed class SessionTokenCircuitHandler(AuthenticationStateProvider authentication, SessionTokenHolder holder)
    : CircuitHandler, IDisposable
{
    public override async Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        authentication.AuthenticationStateChanged += OnAuthenticationStateChanged;
        var state = await authentication.GetAuthenticationStateAsync();
        holder.Capture(state.User);
    }

    private void OnAuthenticationStateChanged(Task<AuthenticationState> state) =>
        state.ContinueWith(
            changed => holder.Capture(changed.Result.User),
            CancellationToken.None,
            TaskContinuationOptions.OnlyOnRanToCompletion | TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);

    public void Dispose() => authentication.AuthenticationStateChanged -= OnAuthenticationStateChanged;
}

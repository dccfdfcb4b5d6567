namespace BillingOne.Web.Components;

/// <summary>
/// Tokens for calls of one kind where only the latest counts (a list load after the filter changed again):
/// starting one cancels the one before.
/// </summary>
public sealed class LatestCall : IDisposable
{
    private CancellationTokenSource? current;

    /// <param name="componentDisposed">Ends the call with the component too.</param>
    public CancellationToken Start(CancellationToken componentDisposed)
    {
        current?.Cancel();
        current?.Dispose();
        current = CancellationTokenSource.CreateLinkedTokenSource(componentDisposed);
        return current.Token;
    }

    public void Dispose() => current?.Dispose();
}

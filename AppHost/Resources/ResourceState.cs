namespace BillingOne.AppHost.Resources;

public enum ResourceState
{
    /// <summary>Launched (or being started) and not yet reported healthy.</summary>
    Starting,
    /// <summary>Running; the resource has no health endpoint to say more.</summary>
    Running,
    Healthy,
    Unhealthy,
    /// <summary>Exited on its own; a restart is scheduled unless the AppHost is stopping.</summary>
    Crashed,
    /// <summary>Waiting for the back-off delay before the next launch.</summary>
    Restarting,
    Stopped,
}

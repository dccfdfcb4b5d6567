namespace BillingOne.Hosting;

/// <summary>
/// The direct children of a process, as Linux lists them. The orchestrator reports the process it started for a
/// resource; a server (PostgreSQL, RabbitMQ) runs as the child of the wrapper started for it.
/// </summary>
public static class ChildProcesses
{
    /// <exception cref="IOException">The process is gone (or its list cannot be read).</exception>
    public static IReadOnlyList<int> Of(int pid) =>
        File.ReadAllText($"/proc/{pid}/task/{pid}/children")
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(int.Parse)
            .ToList();
}

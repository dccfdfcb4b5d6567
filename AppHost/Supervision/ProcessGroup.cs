using System.Runtime.InteropServices;

namespace BillingOne.AppHost.Supervision;

/// <summary>
/// Children are launched through <c>setsid</c>, so each one leads its own process group whose id is its pid.
/// Signalling the group reaches everything the child started, even after the child itself has exited and its
/// own children were re-parented — which <c>Process.Kill(entireProcessTree: true)</c> cannot find any more.
/// </summary>
internal static class ProcessGroup
{
    private const int SigKill = 9;
    private const int SigTerm = 15;
    private const int NoSuchProcess = 3; // ESRCH

    /// <summary>The launcher that puts the child in a new session and process group, then execs it (same pid).</summary>
    public const string SessionLauncher = "setsid";

    /// <summary>Asks every process of the group to stop (SIGTERM). False when the group no longer exists.</summary>
    public static bool Terminate(int processGroupId) => Signal(processGroupId, SigTerm);

    /// <summary>Kills every process of the group (SIGKILL). False when the group no longer exists.</summary>
    public static bool Kill(int processGroupId) => Signal(processGroupId, SigKill);

    private static bool Signal(int processGroupId, int signal)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(processGroupId, 1);
        // A negative pid addresses the whole process group.
        if (kill(-processGroupId, signal) == 0)
        {
            return true;
        }
        var error = Marshal.GetLastPInvokeError();
        return error == NoSuchProcess
            ? false
            : throw new InvalidOperationException(
                $"Could not signal process group {processGroupId} (errno {error}).");
    }

    // Blittable signature: plain DllImport needs no generated marshalling (and no unsafe code).
    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int signal);
}

using System.Diagnostics;
using System.Text;

namespace BillingOne.Testing.Servers;

/// <summary>Runs server tools (initdb, pg_ctl, rabbitmqctl) to completion, as their service user when we are root.</summary>
internal static class CommandRunner
{
    public static bool IsRoot => Environment.UserName == "root";

    /// <summary>
    /// Runs <paramref name="fileName"/> as <paramref name="serviceUser"/> (through runuser when root, since
    /// PostgreSQL refuses to run as root and RabbitMQ must own its files) and returns its exit code and output.
    /// </summary>
    public static async Task<CommandResult> RunAsync(
        string? serviceUser, string fileName, IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string>? environment = null, CancellationToken cancellationToken = default)
    {
        var start = CreateStartInfo(serviceUser, fileName, arguments, environment);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        using var process = Process.Start(start)
            ?? throw new InvalidOperationException($"Could not start {fileName}.");
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // A tool we gave up on (a wait that can no longer succeed) must not linger.
            process.Kill(entireProcessTree: true);
            throw;
        }
        lock (output)
        {
            return new CommandResult(process.ExitCode, output.ToString());
        }
    }

    public static async Task RunCheckedAsync(
        string? serviceUser, string fileName, IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string>? environment = null, CancellationToken cancellationToken = default)
    {
        var result = await RunAsync(serviceUser, fileName, arguments, environment, cancellationToken);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{Path.GetFileName(fileName)} failed with exit code {result.ExitCode}:{Environment.NewLine}{result.Output}");
        }
    }

    /// <summary>
    /// Starts a long-running server detached in its own session, output to <paramref name="logFile"/>, so that
    /// neither Ctrl+C in our terminal nor our own exit takes it down: its owner stops it explicitly.
    /// </summary>
    public static void StartDetached(
        string? serviceUser, string fileName, IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string> environment, string logFile)
    {
        var command = string.Join(' ', new[] { fileName }.Concat(arguments).Select(ShellQuote));
        var start = CreateStartInfo(serviceUser, "/bin/sh",
            ["-c", $"setsid {command} >> {ShellQuote(logFile)} 2>&1 < /dev/null &"], environment);
        using var process = Process.Start(start)
            ?? throw new InvalidOperationException($"Could not start {fileName}.");
        process.WaitForExit();
    }

    /// <summary>
    /// Hands the paths this process created to the service user, each on its own: never recursively, since a server
    /// another test process started may be creating and deleting files beneath them meanwhile.
    /// </summary>
    public static async Task ChangeOwnerAsync(string user, params string[] paths)
    {
        if (IsRoot)
        {
            await RunCheckedAsync(null, "chown", [$"{user}:{user}", .. paths]);
        }
    }

    private static ProcessStartInfo CreateStartInfo(
        string? serviceUser, string fileName, IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string>? environment)
    {
        var start = new ProcessStartInfo { UseShellExecute = false };
        if (serviceUser is not null && IsRoot)
        {
            start.FileName = "runuser";
            start.ArgumentList.Add("-u");
            start.ArgumentList.Add(serviceUser);
            start.ArgumentList.Add("--");
            start.ArgumentList.Add(fileName);
        }
        else
        {
            start.FileName = fileName;
        }
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }
        return start;
    }

    private static string ShellQuote(string value) => "'" + value.Replace("'", "'\"'\"'") + "'";
}

internal readonly record struct CommandResult(int ExitCode, string Output);

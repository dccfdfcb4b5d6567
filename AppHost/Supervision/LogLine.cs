namespace BillingOne.AppHost.Supervision;

public enum LogStream
{
    StandardOutput,
    StandardError,
    AppHost,
}

/// <summary>One line of a resource's console output, as captured by the AppHost.</summary>
public sealed record LogLine(DateTimeOffset Timestamp, LogStream Stream, string Text)
{
    /// <summary>A single line longer than this is cut: one runaway line must not fill the buffer's memory.</summary>
    public const int MaxLength = 8 * 1024;

    public static LogLine Create(DateTimeOffset timestamp, LogStream stream, string text) =>
        new(timestamp, stream, text.Length <= MaxLength ? text : string.Concat(text.AsSpan(0, MaxLength), " …"));
}

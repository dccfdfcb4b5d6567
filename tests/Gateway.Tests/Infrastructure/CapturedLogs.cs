using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace BillingOne.Gateway.Tests.Infrastructure;

public sealed record CapturedLog(string Category, LogLevel Level, string Message);

/// <summary>
/// Every line the gateway logs, after its own filters (appsettings.json and the shared defaults) chose what to keep.
/// </summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<CapturedLog> _entries = new();

    public int Count => _entries.Count;

    /// <summary>The lines logged after the first <paramref name="count"/>.</summary>
    public IReadOnlyList<CapturedLog> After(int count) => [.. _entries.Skip(count)];

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _entries);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<CapturedLog> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception,
            Func<TState, Exception?, string> formatter) =>
            entries.Enqueue(new CapturedLog(category, logLevel, formatter(state, exception)));
    }
}

using Microsoft.Extensions.Logging;

namespace BillingOne.AppHost.Supervision;

/// <summary>
/// Passes log messages on to the AppHost's logger and also keeps them in a resource's output, so what the
/// PostgreSQL/RabbitMQ starters report (and their errors) shows on that resource's log page.
/// </summary>
public sealed class OutputCapturingLogger(ILogger inner, RingBuffer<LogLine> output, TimeProvider? time = null) : ILogger
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => inner.BeginScope(state);

    public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

    public void Log<TState>(
        LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (logLevel >= LogLevel.Debug)
        {
            var stream = logLevel >= LogLevel.Warning ? LogStream.StandardError : LogStream.StandardOutput;
            var text = exception is null ? formatter(state, exception) : $"{formatter(state, exception)} — {exception.Message}";
            output.Add(LogLine.Create(_time.GetUtcNow(), stream, text));
        }
        if (inner.IsEnabled(logLevel))
        {
            inner.Log(logLevel, eventId, state, exception, formatter);
        }
    }
}

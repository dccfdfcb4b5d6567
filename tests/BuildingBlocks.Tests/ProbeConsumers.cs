using System.Collections.Concurrent;
using BillingOne.BuildingBlocks.Messaging;
using Dapper;
using MassTransit;
using Npgsql;

namespace BillingOne.BuildingBlocks.Tests;

/// <summary>Everything the probe consumers saw, per host.</summary>
public sealed class ProbeLog
{
    public ConcurrentQueue<ProbeHappened> Probes { get; } = new();

    public int MalformedAttempts;

    public ConcurrentDictionary<Guid, int> Attempts { get; } = new();

    public ConcurrentQueue<Guid> Succeeded { get; } = new();
}

public sealed class ProbeHappenedConsumer(ProbeLog log) : IConsumer<ProbeHappened>
{
    public Task Consume(ConsumeContext<ProbeHappened> context)
    {
        log.Probes.Enqueue(context.Message);
        return Task.CompletedTask;
    }
}

/// <summary>Applies each message once through the inbox: the counter shows how many times state changed.</summary>
public sealed class CounterIncrementedConsumer(NpgsqlDataSource dataSource, IInbox inbox)
    : InboxConsumer<CounterIncremented>(dataSource, inbox)
{
    protected override Task ApplyAsync(CounterIncremented message, NpgsqlTransaction transaction,
        CancellationToken cancellationToken) =>
        transaction.Connection!.ExecuteAsync(new CommandDefinition("""
            INSERT INTO probe_counters (name, value) VALUES (@Counter, 1)
            ON CONFLICT (name) DO UPDATE SET value = probe_counters.value + 1
            """, message, transaction, cancellationToken: cancellationToken));
}

public sealed class MalformedArrivedConsumer(ProbeLog log) : IConsumer<MalformedArrived>
{
    public Task Consume(ConsumeContext<MalformedArrived> context)
    {
        Interlocked.Increment(ref log.MalformedAttempts);
        throw new MessageValidationException("The probe is malformed on purpose.");
    }
}

public sealed class OutageMetConsumer(ProbeLog log) : IConsumer<OutageMet>
{
    public Task Consume(ConsumeContext<OutageMet> context)
    {
        var attempt = log.Attempts.AddOrUpdate(context.Message.ProbeId, 1, (_, attempts) => attempts + 1);
        if (attempt <= context.Message.Outages)
        {
            throw new TimeoutException("The probe's server did not answer (on purpose).");
        }
        log.Succeeded.Enqueue(context.Message.ProbeId);
        return Task.CompletedTask;
    }
}

public sealed class FaultMetConsumer(ProbeLog log) : IConsumer<FaultMet>
{
    public Task Consume(ConsumeContext<FaultMet> context)
    {
        log.Attempts.AddOrUpdate(context.Message.ProbeId, 1, (_, attempts) => attempts + 1);
        throw new InvalidOperationException("The probe's own fault (on purpose).");
    }
}

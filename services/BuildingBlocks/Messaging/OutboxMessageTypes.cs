using System.Collections.Concurrent;
using System.Text.Json;

namespace BillingOne.BuildingBlocks.Messaging;

/// <summary>How outbox rows name and serialize their message types (assembly-qualified, no version).</summary>
internal static class OutboxMessageTypes
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static readonly ConcurrentDictionary<string, Type> Resolved = new();

    public static string NameOf(Type type) => $"{type.FullName}, {type.Assembly.GetName().Name}";

    public static Type Resolve(string name) => Resolved.GetOrAdd(name, static key =>
        Type.GetType(key, throwOnError: false)
        ?? throw new InvalidOperationException($"Outbox message type '{key}' cannot be loaded."));
}

using System.Reflection;
using System.Xml.Linq;
using BillingOne.Contracts.Events;
using BillingOne.SystemDriver;
using MassTransit;

namespace BillingOne.Architecture.Tests;

/// <summary>
/// docs/architecture.md's event map (the table between the event-map markers) lists every integration event of the
/// Contracts assembly with the services that consume it, so a new event or consumer without a row fails here.
/// </summary>
public sealed class ServiceMapTests
{
    private const string Document = "docs/architecture.md";
    private const string Begin = "<!-- event-map:begin";
    private const string End = "<!-- event-map:end -->";
    private const string None = "—";

    private static readonly string Root = RepositoryRoot.Find();

    [Fact]
    public void The_event_map_lists_every_event_with_its_consumers()
    {
        var documented = DocumentedEvents();
        var consumers = ConsumersByEvent();
        var problems = new List<string>();

        foreach (var name in EventNames())
        {
            var actual = consumers.GetValueOrDefault(name, []);
            var row = $"| `{name}` | <publishing service> | {Consumers(actual)} |";
            if (!documented.TryGetValue(name, out var listed))
            {
                problems.Add($"{name} has no row: add {row}");
            }
            else if (!listed.Consumers.SetEquals(actual))
            {
                problems.Add($"{name} lists consumers {Consumers(listed.Consumers)} but the code has " +
                    $"{Consumers(actual)}: write {row.Replace("<publishing service>", listed.Publisher)}");
            }
        }
        problems.AddRange(documented.Keys.Except(EventNames())
            .Select(name => $"{name} is not an event in services/Contracts/Events: remove its row"));

        problems.ShouldBeEmpty($"Keep the event map in {Document} in step with the code");
    }

    [Fact]
    public void Every_documented_event_names_its_publisher()
    {
        DocumentedEvents().Where(row => row.Value.Publisher is "" or None).Select(row => row.Key)
            .ShouldBeEmpty($"Name the service that publishes these events in {Document}");
    }

    [Fact]
    public void Every_event_and_every_consumed_message_validates_itself()
    {
        var events = EventNames().ToHashSet();
        typeof(ClientUpserted).Assembly.GetExportedTypes()
            .Where(type => events.Contains(type.Name) && !typeof(IIntegrationEvent).IsAssignableFrom(type))
            .Select(type => type.Name)
            .ShouldBeEmpty($"Each event implements {nameof(IIntegrationEvent)}: its Validate is what every consumer checks");
        ConsumedMessages().Where(message => !typeof(IIntegrationEvent).IsAssignableFrom(message)).Select(message => message.Name)
            .ShouldBeEmpty($"A consumer takes only an {nameof(IIntegrationEvent)}, which it refuses when Validate finds problems");
    }

    /// <summary>
    /// The integration events: the records of the Contracts assembly's Events namespace, without the parts events are
    /// made of (such as the readings inside <see cref="UsageReadingsAccepted"/>), the static classes naming the
    /// values their members take (such as <see cref="ProductCoverages"/>) and <see cref="IIntegrationEvent"/> itself.
    /// </summary>
    private static IReadOnlyList<string> EventNames()
    {
        var types = typeof(ClientUpserted).Assembly.GetExportedTypes()
            .Where(type => type.Namespace == typeof(ClientUpserted).Namespace)
            .Where(type => !(type.IsAbstract && type.IsSealed) && !type.IsInterface)
            .ToList();
        var parts = types
            .SelectMany(type => type.GetProperties())
            .SelectMany(property => property.PropertyType.GetGenericArguments().Append(property.PropertyType))
            .ToHashSet();
        return [.. types.Except(parts).Select(type => type.Name).Order()];
    }

    /// <summary>Consuming service names (as the document writes them: lower case) by event, from every services/ assembly.</summary>
    private static Dictionary<string, HashSet<string>> ConsumersByEvent() =>
        ServiceAssemblies()
            .SelectMany(assembly => MessagesConsumedBy(assembly).Select(message => (Event: message.Name,
                Service: assembly.GetName().Name!["BillingOne.".Length..].ToLowerInvariant())))
            .GroupBy(consumer => consumer.Event)
            .ToDictionary(group => group.Key, group => group.Select(consumer => consumer.Service).ToHashSet());

    private static IEnumerable<Type> ConsumedMessages() => ServiceAssemblies().SelectMany(MessagesConsumedBy).Distinct();

    private static IEnumerable<Type> MessagesConsumedBy(Assembly assembly) =>
        assembly.GetTypes()
            .Where(type => type is { IsAbstract: false, IsInterface: false })
            .SelectMany(type => type.GetInterfaces())
            .Where(contract => contract.IsGenericType && contract.GetGenericTypeDefinition() == typeof(IConsumer<>))
            .Select(contract => contract.GetGenericArguments()[0]);

    private static IEnumerable<Assembly> ServiceAssemblies() =>
        Directory.EnumerateFiles(Path.Combine(Root, "services"), "*.csproj", SearchOption.AllDirectories)
            .Select(project => XDocument.Load(project).Descendants("AssemblyName").Single().Value)
            .Select(name =>
            {
                try
                {
                    return Assembly.Load(name);
                }
                catch (FileNotFoundException exception)
                {
                    throw new InvalidOperationException(
                        $"{name} is not loadable: add its project to tests/Architecture.Tests so its consumers are seen.",
                        exception);
                }
            });

    private static Dictionary<string, (string Publisher, HashSet<string> Consumers)> DocumentedEvents()
    {
        var lines = File.ReadAllLines(Path.Combine(Root, Document));
        var begin = Array.FindIndex(lines, line => line.StartsWith(Begin, StringComparison.Ordinal));
        var end = Array.FindIndex(lines, line => line.StartsWith(End, StringComparison.Ordinal));
        (begin >= 0 && end > begin).ShouldBeTrue($"{Document} needs an event table between '{Begin} …' and '{End}'");

        // Skip the header row and the |---| separator.
        return lines[(begin + 1)..end]
            .Where(line => line.StartsWith('|'))
            .Skip(2)
            .Select(line => line.Trim().Trim('|').Split('|').Select(cell => cell.Trim().Trim('`')).ToArray())
            .ToDictionary(cells => cells[0], cells => (cells[1], cells[2] == None
                ? new HashSet<string>()
                : cells[2].Split(',').Select(service => service.Trim()).ToHashSet()));
    }

    private static string Consumers(IEnumerable<string> services) =>
        services.Any() ? string.Join(", ", services.Order()) : None;
}

using BillingOne.Contracts.Money;

namespace BillingOne.Contracts.Events;

/// <summary>
/// An event one service publishes and others consume. <see cref="Validate"/> is the one statement of what every consumer
/// may rely on: each consumer refuses a message it finds problems with, so no two services disagree on a message.
/// </summary>
public interface IIntegrationEvent
{
    /// <summary>What is wrong with the message, one sentence a problem; empty when every consumer can take it.</summary>
    IReadOnlyList<string> Validate();
}

/// <summary>Collects the problems of one event, each sentence starting with the event's name.</summary>
internal sealed class EventProblems(string eventName)
{
    private readonly List<string> problems = [];

    public EventProblems Require(bool condition, string problem)
    {
        if (!condition)
        {
            problems.Add($"{eventName} {problem}");
        }
        return this;
    }

    public IReadOnlyList<string> ToList() => problems;

    /// <summary>The two events of an asset's client (discovered, changed) need the same four fields.</summary>
    public static IReadOnlyList<string> OfAssetEvent(string eventName, Guid orgId, Guid assetId, string? source,
        string? externalId) => new EventProblems(eventName)
        .Require(orgId != Guid.Empty && assetId != Guid.Empty, "must carry an organization id and an asset id.")
        .Require(!string.IsNullOrEmpty(source) && !string.IsNullOrEmpty(externalId),
            $"for asset {assetId} has no source or external id.")
        .ToList();

    /// <summary>A calendar month billing can be for.</summary>
    public static bool IsMonth(int year, int month) => year is >= 2000 and <= 9999 && month is >= 1 and <= 12;

    /// <summary>An ISO 4217 code as every service stores it: upper case.</summary>
    public static bool IsCurrencyCode(string? code) => Iso4217.TryNormalize(code, out var normalized) && normalized == code;
}

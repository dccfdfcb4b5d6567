namespace BillingOne.Sandbox.Pax8;

/// <summary>
/// The sandbox's Pax8 account, ordered as the API lists it. <see cref="ClientIdByCompany"/> links each company to
/// the demo client it stands for, which the API does not reveal (matching is the connector's job).
/// </summary>
public sealed record Pax8DemoData(
    IReadOnlyList<Pax8Company> Companies,
    IReadOnlyList<Pax8Product> Products,
    IReadOnlyList<Pax8Subscription> Subscriptions,
    IReadOnlyDictionary<Guid, int> ClientIdByCompany);

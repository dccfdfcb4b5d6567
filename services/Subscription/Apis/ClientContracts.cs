using System.ComponentModel;
using Microsoft.AspNetCore.Mvc;
using BillingOne.Subscription.Domain;

namespace BillingOne.Subscription.Apis;

/// <summary>Query parameters of <c>GET /api/subscription/clients</c> besides the paging.</summary>
public sealed record ClientListParameters(
    [property: Description("Part of the client name, any case.")]
    [FromQuery(Name = "search")] string? Search,
    [property: Description("name (default), createdAt or updatedAt.")]
    [FromQuery(Name = "sort")] string? Sort,
    [property: Description("asc (default) or desc.")]
    [FromQuery(Name = "direction")] string? Direction);

public sealed record CreateClientRequest(
    [property: Description("1–200 characters, unique in the organization ignoring case.")] string? Name,
    [property: Description("IANA time zone id; absent means the organization's default (UTC).")] string? TimeZone);

public sealed record UpdateClientRequest(
    [property: Description("New name; absent keeps the current one.")] string? Name,
    [property: Description("New IANA time zone id; absent keeps the current one.")] string? TimeZone);

public sealed record ClientResponse(
    Guid Id,
    string Name,
    [property: Description("Disabled clients are excluded from billing; their history is kept.")] bool Enabled,
    [property: Description("IANA time zone the client's billing periods are cut in.")] string TimeZone,
    [property: Description("Starts at 1 and grows by one with every change.")] long Version,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static ClientResponse From(Client client) => new(client.Id, client.Name, client.Enabled, client.TimeZone,
        client.Version, client.CreatedAt, client.UpdatedAt);
}

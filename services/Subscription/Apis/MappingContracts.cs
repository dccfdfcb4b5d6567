using System.ComponentModel;
using System.Text.Json;
using BillingOne.Subscription.Application;
using BillingOne.Subscription.Data;
using BillingOne.Subscription.Domain;
using BillingOne.Subscription.Domain.Mapping;
using Microsoft.AspNetCore.Mvc;

namespace BillingOne.Subscription.Apis;

public sealed record MappingListParameters(
    [property: Description("pax8 (default), rmm, xero or superops.")][FromQuery(Name = "vendor")] string? Vendor,
    [property: Description("mapped, unmapped, suggested (unmapped with suggestions); absent: all.")]
    [FromQuery(Name = "state")] string? State,
    [property: Description("Account name, vendor id or client name: any part, any case.")]
    [FromQuery(Name = "search")] string? Search);

/// <summary>
/// A vendor account with its client. <c>suggestions</c> (unmapped accounts only) are the likeliest clients by name
/// similarity, best first, without the ones a person rejected.
/// </summary>
public sealed record VendorAccountMappingResponse(
    string Vendor,
    string ExternalId,
    string Name,
    JsonElement Attributes,
    Guid? ClientId,
    string? ClientName,
    string? Method,
    decimal? Score,
    DateTimeOffset? MappedAt,
    IReadOnlyList<MatchSuggestion> Suggestions)
{
    public static VendorAccountMappingResponse From(VendorAccountMapping mapping)
    {
        var account = mapping.Account;
        return new(account.Vendor, account.ExternalId, account.Name,
            JsonDocument.Parse(account.AttributesJson).RootElement.Clone(), account.ClientId, account.ClientName,
            account.Method, account.Score, account.MappedAt,
            [.. mapping.Suggestions.Select(suggestion => suggestion with { Score = Math.Round(suggestion.Score, 3) })]);
    }
}

public sealed record MappingItemRequest(
    [property: Description("pax8, rmm, xero or superops.")] string? Vendor,
    [property: Description("The vendor's id of the account (Pax8 company id, RMM organization id).")] string? ExternalId,
    [property: Description("The client; required to apply or reject, ignored by unmap.")] Guid? ClientId);

public sealed record MappingChangeRequest(
    [property: Description("1–500 accounts, each changed or reported on its own.")] IReadOnlyList<MappingItemRequest?>? Items);

public sealed record MappingChangeResponse(IReadOnlyList<MappingChangeResult> Results);

public sealed record CreateClientFromAccountRequest(
    [property: Description("pax8, rmm, xero or superops.")] string? Vendor,
    string? ExternalId,
    [property: Description("The new client's name; absent: the account's name.")] string? Name,
    [property: Description("IANA time zone id; absent: the organization's default.")] string? TimeZone);

public sealed record CreatedClientMappingResponse(ClientResponse Client, MappingChangeResult Mapping);

public sealed record MappingImportRowResponse(
    int Line,
    string Vendor,
    string VendorId,
    string Client,
    Guid? ClientId,
    string Outcome,
    string Reason)
{
    public static MappingImportRowResponse From(MappingImportRow row) => new(row.LineNumber, row.Vendor, row.VendorId,
        row.ClientText, row.ClientId, KebabNames.Of(row.Outcome), row.Reason);
}

/// <param name="Applied">Rows applied (or, for a dry run, that would be).</param>
public sealed record MappingImportResponse(bool DryRun, int Applied, IReadOnlyList<MappingImportRowResponse> Rows);

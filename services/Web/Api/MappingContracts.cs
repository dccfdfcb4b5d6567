using System.Text.Json;

namespace BillingOne.Web.Api;

// The web UI's view of the subscription service's client mappings (vendor records matched to clients):
//   GET  /api/subscription/mappings?vendor=&state=&search=&page=&pageSize= -> PagedList<VendorMapping>
//   GET  /api/subscription/mappings/summary                                -> MappingSummary
//   POST /api/subscription/mappings/apply   { items: [{vendor, externalId, clientId}] } -> MappingResults
//   POST /api/subscription/mappings/reject  { items: [{vendor, externalId, clientId}] } -> MappingResults
//   POST /api/subscription/mappings/unmap   { items: [{vendor, externalId}] }           -> MappingResults
//   POST /api/subscription/mappings/import[?dryRun=true]  text/csv (vendor,vendor_id,client) -> MappingImport
//   POST /api/subscription/mappings/create-client { vendor, externalId, name, timeZone } -> 201 CreatedMappedClient

/// <summary>What one vendor's records are called on the Client mappings page.</summary>
/// <param name="Tab">The tab's title: what the vendor's records are.</param>
/// <param name="Column">The record column's heading.</param>
/// <param name="Record">One record, e.g. "company".</param>
public sealed record VendorRecordNames(string Tab, string Column, string Record, string RecordPlural);

/// <summary>The vendors whose records are mapped to clients, in tab order, and what their records are called.</summary>
public static class MappingVendors
{
    public const string Pax8 = "pax8";
    public const string Rmm = "rmm";
    public const string Xero = "xero";
    public const string SuperOps = "superops";
    public const string Synergy = "synergy";

    private static readonly Dictionary<string, VendorRecordNames> Names = new(StringComparer.Ordinal)
    {
        [Pax8] = new("Pax8 companies", "Company", "company", "companies"),
        [Rmm] = new("RMM organizations", "Organization", "organization", "organizations"),
        [Xero] = new("Xero contacts", "Contact", "contact", "contacts"),
        [SuperOps] = new("SuperOps clients", "SuperOps client", "SuperOps client", "SuperOps clients"),
        [Synergy] = new("Synergy accounts", "Synergy account", "Synergy account", "Synergy accounts"),
    };

    public static readonly IReadOnlyList<string> All = [.. Names.Keys];

    public static VendorRecordNames NamesOf(string vendor) => Names.GetValueOrDefault(vendor) ?? Names[Pax8];

    public static string Records(string vendor) => NamesOf(vendor).Tab;

    public static string Record(string vendor) => NamesOf(vendor).Record;

    public static string RecordPlural(string vendor) => NamesOf(vendor).RecordPlural;
}

public static class MappingStates
{
    public const string Mapped = "mapped";
    public const string Unmapped = "unmapped";
    public const string Suggested = "suggested";

    public static readonly IReadOnlyList<string> All = [Mapped, Unmapped, Suggested];
}

/// <summary>One vendor record (a Pax8 company, an RMM organization) and the client it is mapped to, if any.</summary>
/// <param name="Attributes">What the vendor says about the record (domain, city…), to tell similar names apart.</param>
/// <param name="Method">How it was mapped: auto, manual, import or created; null while unmapped.</param>
/// <param name="Score">The name similarity (0–1) of an automatic mapping.</param>
/// <param name="Suggestions">Clients of similar names, best first, for an unmapped record.</param>
public sealed record VendorMapping(
    string Vendor,
    string ExternalId,
    string Name,
    IReadOnlyDictionary<string, JsonElement>? Attributes,
    Guid? ClientId,
    string? ClientName,
    string? Method,
    decimal? Score,
    DateTimeOffset? MappedAt,
    IReadOnlyList<MappingSuggestion> Suggestions);

/// <param name="Score">Name similarity, 0–1.</param>
public sealed record MappingSuggestion(Guid ClientId, string ClientName, decimal Score);

/// <summary>The counts per vendor key, as the API answers them; a vendor it does not name has none yet.</summary>
public sealed record MappingSummary(IReadOnlyDictionary<string, VendorMappingCounts> Vendors)
{
    private static readonly VendorMappingCounts None = new(0, 0, 0, 0);

    public VendorMappingCounts For(string vendor) => Vendors.GetValueOrDefault(vendor) ?? None;
}

public sealed record VendorMappingCounts(int Total, int Mapped, int Unmapped, int WithSuggestions);

/// <summary>A record and a client: map them (apply) or say they do not belong together (reject).</summary>
public sealed record MappingItem(string Vendor, string ExternalId, Guid ClientId);

public sealed record UnmapItem(string Vendor, string ExternalId);

public sealed record MappingItems<T>(IReadOnlyList<T> Items);

/// <summary>What became of each item of a bulk change.</summary>
public sealed record MappingResults(IReadOnlyList<MappingResult> Results);

public sealed record MappingResult(string Vendor, string ExternalId, Guid? ClientId, string Outcome, string? Reason);

/// <summary>An import's report: every CSV row with its outcome; nothing is applied on a dry run.</summary>
public sealed record MappingImport(int Applied, IReadOnlyList<MappingImportRow> Rows);

/// <param name="Outcome">One of <see cref="MappingImportOutcomes"/>.</param>
public sealed record MappingImportRow(
    int Line, string? Vendor, string? VendorId, string? Client, Guid? ClientId, string Outcome, string? Reason);

public static class MappingImportOutcomes
{
    public const string Applied = "applied";

    /// <param name="dryRun">The report of a check: the row would be applied, it is not yet.</param>
    public static string Label(string outcome, bool dryRun) => outcome switch
    {
        Applied => dryRun ? "Will apply" : "Applied",
        "unknown-client" => "Unknown client",
        "unknown-vendor-id" => "Unknown vendor ID",
        "unknown-vendor" => "Unknown vendor",
        "duplicate" => "Duplicate",
        "invalid" => "Invalid",
        _ => outcome,
    };
}

public sealed record CreateClientFromMappingRequest(string Vendor, string ExternalId, string Name, string TimeZone);

public sealed record CreatedMappedClient(MappedClient Client, MappingResult Mapping);

public sealed record MappedClient(Guid Id, string Name);

/// <summary>Vendor tab, state filter, search and paging of <c>GET /api/subscription/mappings</c>.</summary>
/// <param name="State">One of <see cref="MappingStates"/>, or null for every record.</param>
public sealed record MappingListQuery(
    string Vendor = MappingVendors.Pax8,
    string? State = null,
    string? Search = null,
    int Page = 1,
    int PageSize = MappingListQuery.DefaultPageSize) : IPagedQuery<MappingListQuery>
{
    public const int DefaultPageSize = 25;
    public const string Path = "api/subscription/mappings";

    public bool IsFiltered => State is not null || Search is not null;

    public MappingListQuery WithPage(int page) => this with { Page = page };

    public string ToRequestUri() => ApiQuery.Build(Path, ("vendor", Vendor), ("state", State), ("search", Search),
        ("page", Page), ("pageSize", PageSize));
}

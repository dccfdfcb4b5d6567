using System.Text;
using BillingOne.BuildingBlocks.Csv;
using BillingOne.BuildingBlocks.Http;
using BillingOne.BuildingBlocks.Paging;
using BillingOne.BuildingBlocks.Security;
using BillingOne.BuildingBlocks.Tenancy;
using BillingOne.Subscription.Application;
using BillingOne.Subscription.Data;
using BillingOne.Subscription.Domain;
using BillingOne.Subscription.Domain.Mapping;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BillingOne.Subscription.Apis;

/// <summary>
/// Client mappings: which client each Pax8 company and RMM organization belongs to, with suggestions for the
/// unmapped ones, single and bulk apply / reject / unmap, a CSV import with a per-row report, and creating a client
/// from a vendor account. Every change is audited.
/// </summary>
public static class MappingsApi
{
    private const string BasePath = "/api/subscription/mappings";
    public const int MaxItems = 500;

    public static IEndpointRouteBuilder MapMappingsApi(this IEndpointRouteBuilder app)
    {
        var mappings = app.MapGroup(BasePath).WithTags("Client mappings");

        mappings.MapList(ListMappings, "ListMappings", "List vendor accounts with their clients",
            "The vendor's live accounts by name: `vendor` pax8 (default), rmm, xero, superops or synergy; `state` mapped, unmapped or suggested; " +
                "`search` matches the account name, its id or the client name.");

        mappings.MapGet("/summary", GetSummary)
            .RequireAuthorization(Policies.Read)
            .WithName("GetMappingSummary")
            .WithSummary("Count mapped and unmapped accounts per vendor");

        mappings.MapPost("/apply", ApplyMappings)
            .RequireAuthorization(Policies.Billing)
            .WithName("ApplyMappings")
            .WithSummary("Map accounts to clients")
            .WithDescription($"1–{MaxItems} items `{{vendor, externalId, clientId}}`, each answered with `applied`, " +
                "`unchanged`, `unknown-account` or `unknown-client`. Applied items commit together.")
            .ProducesValidationProblem()
            .ProducesJsonBodyProblems();

        mappings.MapPost("/reject", RejectSuggestions)
            .RequireAuthorization(Policies.Billing)
            .WithName("RejectMappingSuggestions")
            .WithSummary("Reject suggestions")
            .WithDescription("The client is no longer suggested for the account; an account mapped to it is unmapped.")
            .ProducesValidationProblem()
            .ProducesJsonBodyProblems();

        mappings.MapPost("/unmap", UnmapAccounts)
            .RequireAuthorization(Policies.Billing)
            .WithName("UnmapAccounts")
            .WithSummary("Unmap accounts")
            .ProducesValidationProblem()
            .ProducesJsonBodyProblems();

        mappings.MapPost("/import", ImportMappings)
            .RequireAuthorization(Policies.Billing)
            .WithName("ImportMappings")
            .WithSummary("Import mappings from CSV")
            .WithDescription($"A text/csv body with the header `vendor,vendor_id,client` (client = name or id), at most " +
                $"{MappingCsv.MaxRows} rows. Each row is reported: applied, unknown-client, unknown-vendor-id, " +
                "unknown-vendor, duplicate (an earlier row maps the same account) or invalid. `dryRun=true` reports " +
                "without applying; otherwise the applied rows commit together.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

        mappings.MapPost("/create-client", CreateClientFromAccount)
            .RequireAuthorization(Policies.Billing)
            .WithName("CreateClientFromAccount")
            .WithSummary("Create a client from a vendor account and map it")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesJsonBodyProblems();
        return app;
    }

    public static async Task<Results<Ok<PagedResult<VendorAccountMappingResponse>>, ValidationProblem>> ListMappings(
        [AsParameters] MappingListParameters parameters, [AsParameters] PageParameters paging,
        ClientMappingWorkbench workbench, IActorContext caller, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var vendor = (QueryValues.ParseText(parameters.Vendor, "vendor", 10, errors) ?? VendorKinds.Pax8).ToLowerInvariant();
        if (!VendorKinds.All.Contains(vendor))
        {
            errors["vendor"] = [$"vendor must be one of {VendorKinds.Listed}."];
        }
        var state = QueryValues.ParseText(parameters.State, "state", 20, errors)?.ToLowerInvariant();
        if (state is not null and not ("mapped" or "unmapped" or "suggested"))
        {
            errors["state"] = ["state must be mapped, unmapped or suggested."];
        }
        var search = QueryValues.ParseText(parameters.Search, "search", 200, errors);
        var page = PageRequest.Parse(paging.Page, paging.PageSize, errors);
        if (errors.Count > 0)
        {
            return EndpointConventions.InvalidListQuery(errors);
        }
        var listed = await workbench.ListAsync(caller.OrgId, caller.ClientScope, vendor, state, search, page, cancellationToken);
        return TypedResults.Ok(listed.Select(VendorAccountMappingResponse.From));
    }

    public static async Task<Ok<IReadOnlyDictionary<string, MappingCounts>>> GetSummary(ClientMappingWorkbench workbench,
        IActorContext caller, CancellationToken cancellationToken) =>
        TypedResults.Ok(await workbench.SummaryAsync(caller.OrgId, caller.ClientScope, cancellationToken));

    public static Task<Results<Ok<MappingChangeResponse>, ValidationProblem>> ApplyMappings(MappingChangeRequest request,
        ClientMappingWorkbench workbench, IActorContext caller, CancellationToken cancellationToken) =>
        ChangeAsync(request, requireClient: true, items => workbench.ApplyAsync(caller.OrgId, items, MappingMethods.Manual,
            caller.Name, cancellationToken));

    public static Task<Results<Ok<MappingChangeResponse>, ValidationProblem>> RejectSuggestions(MappingChangeRequest request,
        ClientMappingWorkbench workbench, IActorContext caller, CancellationToken cancellationToken) =>
        ChangeAsync(request, requireClient: true, items => workbench.RejectAsync(caller.OrgId, items, caller.Name,
            cancellationToken));

    public static Task<Results<Ok<MappingChangeResponse>, ValidationProblem>> UnmapAccounts(MappingChangeRequest request,
        ClientMappingWorkbench workbench, IActorContext caller, CancellationToken cancellationToken) =>
        ChangeAsync(request, requireClient: false, items => workbench.UnmapAsync(caller.OrgId, items, cancellationToken));

    public static async Task<Results<Ok<MappingImportResponse>, ValidationProblem, ProblemHttpResult>> ImportMappings(
        HttpRequest request, bool? dryRun, ClientMappingWorkbench workbench, IActorContext caller,
        CancellationToken cancellationToken)
    {
        var (file, problem) = await CsvUpload.ReadAsync(request, cancellationToken);
        if (file is null)
        {
            return problem!;
        }
        var parsed = MappingCsv.Parse(file);
        if (!parsed.Succeeded)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["file"] = [parsed.Error!] },
                title: "The mapping file cannot be read.");
        }
        var rows = await workbench.ImportAsync(caller.OrgId, parsed.Rows, dryRun ?? false, caller.Name, cancellationToken);
        return TypedResults.Ok(new MappingImportResponse(dryRun ?? false,
            rows.Count(row => row.Outcome == MappingImportOutcome.Applied), [.. rows.Select(MappingImportRowResponse.From)]));
    }

    public static async Task<Results<Created<CreatedClientMappingResponse>, ValidationProblem, ProblemHttpResult>>
        CreateClientFromAccount(CreateClientFromAccountRequest request, ClientMappingStore mappings,
            ClientMappingWorkbench workbench, ClientStore clients,
            IActorContext caller, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var item = ValidItem(new MappingItemRequest(request.Vendor, request.ExternalId, null), "", requireClient: false, errors);
        if (item is null)
        {
            return TypedResults.ValidationProblem(errors, title: "The request is not valid.");
        }
        var accountName = await mappings.AccountNameAsync(caller.OrgId, item.Vendor, item.ExternalId, cancellationToken);
        if (accountName is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Vendor account not found.",
                detail: $"There is no {item.Vendor} account '{item.ExternalId}' in this organization.");
        }
        var newClient = NewClient.Create(request.Name ?? accountName, request.TimeZone, errors);
        if (newClient is null)
        {
            return TypedResults.ValidationProblem(errors, title: "The client is not valid.");
        }
        var created = await clients.CreateAsync(caller.OrgId, newClient, cancellationToken);
        if (created.Status == ClientWriteStatus.DuplicateName)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Client name already in use.",
                detail: $"A client named '{newClient.Name}' exists: map the account to it instead.");
        }
        var client = created.Client!;
        var mapped = await workbench.ApplyAsync(caller.OrgId, [item with { ClientId = client.Id }], MappingMethods.Created,
            caller.Name, cancellationToken);
        return TypedResults.Created($"/api/subscription/clients/{client.Id}",
            new CreatedClientMappingResponse(ClientResponse.From(client), mapped.Single()));
    }

    private static async Task<Results<Ok<MappingChangeResponse>, ValidationProblem>> ChangeAsync(
        MappingChangeRequest request, bool requireClient,
        Func<IReadOnlyList<MappingRequestItem>, Task<IReadOnlyList<MappingChangeResult>>> change)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.Items is not { Count: > 0 and <= MaxItems } given)
        {
            errors["items"] = [$"items must hold 1–{MaxItems} accounts."];
            return TypedResults.ValidationProblem(errors, title: "The request is not valid.");
        }
        var items = given.Select((item, index) => ValidItem(item, $"items[{index}].", requireClient, errors)).ToList();
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The request is not valid.");
        }
        return TypedResults.Ok(new MappingChangeResponse(await change([.. items.Select(item => item!)])));
    }

    private static MappingRequestItem? ValidItem(MappingItemRequest? item, string prefix, bool requireClient,
        Dictionary<string, string[]> errors)
    {
        var before = errors.Count;
        var vendor = item?.Vendor?.Trim().ToLowerInvariant();
        if (vendor is null || !VendorKinds.All.Contains(vendor))
        {
            errors[$"{prefix}vendor"] = [$"vendor must be one of {VendorKinds.Listed}."];
        }
        var externalId = item?.ExternalId?.Trim();
        if (string.IsNullOrEmpty(externalId) || externalId.Length > 200)
        {
            errors[$"{prefix}externalId"] = ["externalId is required (the vendor's id of the account, at most 200 characters)."];
        }
        if (requireClient && item?.ClientId is null)
        {
            errors[$"{prefix}clientId"] = ["clientId is required."];
        }
        return errors.Count > before ? null : new MappingRequestItem(vendor!, externalId!, item!.ClientId);
    }
}

using BillingOne.BuildingBlocks.Http;
using BillingOne.BuildingBlocks.Paging;
using BillingOne.BuildingBlocks.Security;
using BillingOne.BuildingBlocks.Tenancy;
using BillingOne.Subscription.Data;
using BillingOne.Subscription.Domain.Licensing;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BillingOne.Subscription.Apis;

/// <summary>
/// The product catalog mapping: which Pax8 products count per device (covering workstations, servers or all
/// devices), per user or not at all, at which monthly unit price. Pax8's unit of measurement and price are the default (kept current by the Pax8 sync); an override survives
/// every sync until it is deleted. Each change is audited and republishes the licence figures it moves.
/// </summary>
public static class CatalogApi
{
    private const string BasePath = "/api/subscription/catalog";

    public static IEndpointRouteBuilder MapCatalogApi(this IEndpointRouteBuilder app)
    {
        var catalog = app.MapGroup(BasePath).WithTags("Product catalog");

        catalog.MapList(ListCatalog, "ListCatalogProducts", "List catalog products with their licence mapping",
            "The live Pax8 products by name. `search` matches the name, vendor or SKU; `licenceUnit` device, user or " +
                "none keeps the products counting that way.");

        catalog.MapPut("/{productId:guid}", SetCatalogOverride)
            .RequireAuthorization(Policies.Billing)
            .WithName("SetCatalogOverride")
            .WithSummary("Set how a product counts")
            .WithDescription("`licenceUnit` device, user or none; `covers` workstations, servers, devices (all), users or " +
                "none (one of the two is required; given both, they must agree); `unitPrice` the monthly price of one " +
                "unit (≥ 0, at most 4 decimal places) or null for Pax8's. Kept across Pax8 syncs. Reconciliation " +
                "compares the product with the devices it covers.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesJsonBodyProblems();

        catalog.MapPost("/import", ImportCatalog)
            .RequireAuthorization(Policies.Billing)
            .WithName("ImportCatalogMappings")
            .WithSummary("Set what products cover from CSV")
            .WithDescription($"A text/csv body with the header `{CatalogCsv.ProductColumn},{CatalogCsv.CoversColumn}` and " +
                $"optionally `{CatalogCsv.PriceColumn}` (other columns, such as the product's name, are ignored), at most " +
                $"{CatalogCsv.MaxRows} rows: `covers` workstations, servers, devices (all), users or none, " +
                $"`{CatalogCsv.PriceColumn}` the monthly price of one unit (≥ 0, at most 4 decimal places; blank for " +
                "Pax8's), as `PUT /{productId}` takes them. All rows are set together, or none: a bad value is a 400 " +
                "naming its line and column (`rows[3].covers`), a product the catalog does not have a 400 naming its " +
                "line (`rows[3].product_id`). Answers the number of products set.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

        catalog.MapDelete("/{productId:guid}", RemoveCatalogOverride)
            .RequireAuthorization(Policies.Billing)
            .WithName("RemoveCatalogOverride")
            .WithSummary("Go back to Pax8's mapping of a product")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    public static async Task<Results<Ok<PagedResult<CatalogProductResponse>>, ValidationProblem>> ListCatalog(
        [AsParameters] CatalogListParameters parameters, [AsParameters] PageParameters paging, CatalogStore store,
        IActorContext caller, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var search = QueryValues.ParseText(parameters.Search, "search", 200, errors);
        var unit = QueryValues.ParseText(parameters.LicenceUnit, "licenceUnit", 10, errors)?.ToLowerInvariant();
        if (unit is not null && !LicenceUnits.Settable.Contains(unit))
        {
            errors["licenceUnit"] = [$"licenceUnit must be one of {string.Join(", ", LicenceUnits.Settable)}."];
        }
        var page = PageRequest.Parse(paging.Page, paging.PageSize, errors);
        if (errors.Count > 0)
        {
            return EndpointConventions.InvalidListQuery(errors);
        }
        var listed = await store.ListAsync(caller.OrgId, caller.ClientScope, new CatalogListQuery(search, unit, page),
            cancellationToken);
        return TypedResults.Ok(listed.Select(CatalogProductResponse.From));
    }

    public static async Task<Results<Ok<CatalogProductResponse>, ValidationProblem, ProblemHttpResult>> SetCatalogOverride(
        Guid productId, CatalogOverrideRequest request, CatalogStore store, IActorContext caller,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var change = CatalogOverride.Create(request.LicenceUnit, request.UnitPrice, request.Covers, errors);
        if (change is null)
        {
            return TypedResults.ValidationProblem(errors, title: "The catalog mapping is not valid.");
        }
        var product = await store.SetOverrideAsync(caller.OrgId, productId, change, caller.Name, cancellationToken);
        return product is null ? ProductNotFound(productId) : TypedResults.Ok(CatalogProductResponse.From(product));
    }

    public static async Task<Results<Ok<CatalogImportResponse>, ValidationProblem, ProblemHttpResult>> ImportCatalog(
        HttpRequest request, CatalogStore store, IActorContext caller, CancellationToken cancellationToken)
    {
        var (file, problem) = await CsvUpload.ReadAsync(request, cancellationToken);
        if (file is null)
        {
            return problem!;
        }
        var parsed = CatalogCsv.Parse(file);
        if (!parsed.Succeeded)
        {
            return TypedResults.ValidationProblem(parsed.Errors, title: "The catalog file is not valid: nothing was set.");
        }
        var unknown = await store.ImportOverridesAsync(caller.OrgId, parsed.Rows, caller.Name, cancellationToken);
        return unknown.Count > 0
            ? TypedResults.ValidationProblem(unknown.ToDictionary(line => $"rows[{line}].{CatalogCsv.ProductColumn}",
                    line => new[] { $"Line {line}: there is no such Pax8 product in this organization's catalog." }),
                title: "The catalog file names unknown products: nothing was set.")
            : TypedResults.Ok(new CatalogImportResponse(parsed.Rows.Count));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> RemoveCatalogOverride(Guid productId,
        CatalogStore store, IActorContext caller, CancellationToken cancellationToken) =>
        await store.RemoveOverrideAsync(caller.OrgId, productId, cancellationToken)
            ? TypedResults.NoContent()
            : ProductNotFound(productId);

    private static ProblemHttpResult ProductNotFound(Guid productId) => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound, title: "Product not found.",
        detail: $"There is no Pax8 product '{productId}' in this organization's catalog.");
}

using BillingOne.BuildingBlocks.Http;
using BillingOne.BuildingBlocks.Paging;
using BillingOne.BuildingBlocks.Security;
using BillingOne.BuildingBlocks.Tenancy;
using BillingOne.Identity.Data;
using BillingOne.Identity.Domain;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BillingOne.Identity.Apis;

/// <summary>
/// The organization's API keys (the API Keys page), for owners and admins. The plain key is in the answer to
/// creating it and nowhere else; disabling can be undone, revoking cannot.
/// </summary>
public static class ApiKeysApi
{
    private const string BasePath = "/api/identity/api-keys";
    private const string What = "API key";

    public static IEndpointRouteBuilder MapApiKeysApi(this IEndpointRouteBuilder app)
    {
        var keys = app.MapGroup(BasePath).WithTags("API keys").RequireAuthorization(Policies.Admin);

        keys.MapList(ListApiKeys, "ListApiKeys", "List API keys",
            "A page of the organization's keys, newest first, revoked keys included.", Policies.Admin);
        keys.MapItem(GetApiKey, "GetApiKey", "Get an API key", Policies.Admin);

        keys.MapPost("/", CreateApiKey)
            .WithName("CreateApiKey")
            .WithSummary("Create an API key")
            .WithDescription("Creates an enabled key with `role` admin, finance, read-only or ingest; `clientId` " +
                "limits it to one client of the organization (not for admin keys). The answer's `key` is the only " +
                "time the plain key is shown: only its SHA-256 hash is stored.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesJsonBodyProblems();

        keys.MapPost("/{id:guid}/enable", EnableApiKey)
            .WithName("EnableApiKey")
            .WithSummary("Enable an API key")
            .WithDescription("Accepts the key again. Enabling an enabled key changes nothing; a revoked key cannot be enabled.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        keys.MapPost("/{id:guid}/disable", DisableApiKey)
            .WithName("DisableApiKey")
            .WithSummary("Disable an API key")
            .WithDescription("Refuses the key (within a second) until it is enabled again. Disabling a disabled key changes nothing.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        keys.MapPost("/{id:guid}/revoke", RevokeApiKey)
            .WithName("RevokeApiKey")
            .WithSummary("Revoke an API key")
            .WithDescription("Refuses the key for good (within a second); it stays listed as revoked. Revoking a revoked key changes nothing.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        return app;
    }

    public static async Task<Results<Ok<PagedResult<ApiKeyResponse>>, ValidationProblem>> ListApiKeys(
        [AsParameters] PageParameters paging, ApiKeyStore store, IOrganizationContext organization,
        CancellationToken cancellationToken)
    {
        if (!EndpointConventions.TryParsePage(paging.Page, paging.PageSize, out var page, out var invalid))
        {
            return invalid;
        }
        var keys = await store.ListAsync(organization.OrgId, page, cancellationToken);
        return TypedResults.Ok(keys.Select(ApiKeyResponse.From));
    }

    public static async Task<Results<Ok<ApiKeyResponse>, ProblemHttpResult>> GetApiKey(
        Guid id, ApiKeyStore store, IOrganizationContext organization, CancellationToken cancellationToken)
    {
        var key = await store.FindAsync(organization.OrgId, id, cancellationToken);
        return key is null ? DirectoryProblems.NotFound(What, id) : TypedResults.Ok(ApiKeyResponse.From(key));
    }

    public static async Task<Results<Created<CreatedApiKeyResponse>, ValidationProblem, ProblemHttpResult>> CreateApiKey(
        CreateApiKeyRequest request, ApiKeyStore store, IOrganizationContext organization,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var newKey = NewApiKey.Create(request.Name, request.Role, request.ClientId, errors);
        if (newKey is null)
        {
            return TypedResults.ValidationProblem(errors, title: "The API key is not valid.");
        }
        var secret = ApiKeySecret.Generate();
        var result = await store.CreateAsync(organization.OrgId, newKey, secret, cancellationToken);
        switch (result.Status)
        {
            case DirectoryWriteStatus.Saved:
                return TypedResults.Created($"{BasePath}/{result.Value!.Id}", CreatedApiKeyResponse.From(result.Value, secret));
            case DirectoryWriteStatus.UnknownClient:
                // Another organization's client reads exactly like a missing one, so ids do not leak.
                return TypedResults.ValidationProblem(
                    new Dictionary<string, string[]>
                    {
                        ["clientId"] = [$"There is no client '{newKey.ClientId}' in this organization " +
                        "(a client created a moment ago is known here within seconds)."]
                    },
                    title: "The API key is not valid.");
            default:
                return DirectoryProblems.For(result.Status, What, Guid.Empty);
        }
    }

    public static async Task<Results<Ok<ApiKeyResponse>, ProblemHttpResult>> EnableApiKey(
        Guid id, ApiKeyStore store, IOrganizationContext organization, CancellationToken cancellationToken) =>
        ToResponse(id, await store.ApplyAsync(organization.OrgId, id, ApiKeyAction.Enable, cancellationToken));

    public static async Task<Results<Ok<ApiKeyResponse>, ProblemHttpResult>> DisableApiKey(
        Guid id, ApiKeyStore store, IOrganizationContext organization, CancellationToken cancellationToken) =>
        ToResponse(id, await store.ApplyAsync(organization.OrgId, id, ApiKeyAction.Disable, cancellationToken));

    public static async Task<Results<Ok<ApiKeyResponse>, ProblemHttpResult>> RevokeApiKey(
        Guid id, ApiKeyStore store, IOrganizationContext organization, CancellationToken cancellationToken) =>
        ToResponse(id, await store.ApplyAsync(organization.OrgId, id, ApiKeyAction.Revoke, cancellationToken));

    private static Results<Ok<ApiKeyResponse>, ProblemHttpResult> ToResponse(Guid id, DirectoryWriteResult<ApiKey> result) =>
        result.Value is null ? DirectoryProblems.For(result.Status, What, id) : TypedResults.Ok(ApiKeyResponse.From(result.Value));
}

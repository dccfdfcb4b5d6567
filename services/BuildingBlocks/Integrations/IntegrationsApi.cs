using BillingOne.BuildingBlocks.Auditing;
using BillingOne.BuildingBlocks.Http;
using BillingOne.BuildingBlocks.Paging;
using BillingOne.BuildingBlocks.Security;
using BillingOne.BuildingBlocks.Tenancy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;

namespace BillingOne.BuildingBlocks.Integrations;

/// <summary>
/// Settings → Integrations and the sync jobs of the integrations a service owns, under
/// <c>{service path}/integrations</c>: settings (secrets write-only), a connection test, starting a sync (one at a
/// time per integration) and the runs with their progress and counts. Organization-wide: client-scoped callers get 403.
/// </summary>
public static class IntegrationsApi
{
    public static IEndpointRouteBuilder MapIntegrationsApi(this IEndpointRouteBuilder app, string servicePath)
    {
        var integrations = app.MapGroup($"{servicePath}/integrations").WithTags("Integrations").OrganizationWideOnly();

        integrations.MapGet("/", ListIntegrations)
            .RequireAuthorization(Policies.Read)
            .WithName($"List{Tag(servicePath)}Integrations")
            .WithSummary("List the integrations and their last sync")
            .WithDescription("Each integration this service owns: its settings (secrets only as set or not), where " +
                "they come from (`saved`, `default` = the deployment's, `none`), the last connection test and the last sync.");

        integrations.MapGet("/{name}", GetIntegration)
            .RequireAuthorization(Policies.Read)
            .WithName($"Get{Tag(servicePath)}Integration")
            .WithSummary("Get an integration")
            .ProducesProblem(StatusCodes.Status404NotFound);

        integrations.MapPut("/{name}", SaveIntegration)
            .RequireAuthorization(Policies.Admin)
            .WithName($"Save{Tag(servicePath)}Integration")
            .WithSummary("Save an integration's settings")
            .WithDescription("Replaces the plain settings; a secret left out keeps its stored value, an empty string " +
                "clears it. Secrets are encrypted at rest and never returned. Audited without secret values.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesJsonBodyProblems();

        integrations.MapPost("/{name}/test", TestIntegration)
            .RequireAuthorization(Policies.Admin)
            .WithName($"Test{Tag(servicePath)}Integration")
            .WithSummary("Test the connection")
            .WithDescription("Gets a token and reads one item from the vendor with the given values over the saved (or " +
                "default) ones. Answers 200 with `succeeded` and the vendor's answer either way; 400 naming the field when " +
                "a given address may not be called (docs/vendors.md, Address fields).")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesJsonBodyProblems();

        integrations.MapPost("/{name}/sync", StartSync)
            .RequireAuthorization(Policies.Billing)
            .WithName($"Start{Tag(servicePath)}Sync")
            .WithSummary("Start a sync")
            .WithDescription("Queues a sync (202 with the run). One at a time per integration: while one is queued or " +
                "running the answer is 409 naming it (`runId`), except that a waiting webhook-triggered run limited to some " +
                "records becomes this full run (202). 409 too when the integration has no settings or is off.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesJsonBodyProblems();

        integrations.MapGet("/{name}/sync-runs", ListSyncRuns)
            .RequireAuthorization(Policies.Read)
            .WithName($"List{Tag(servicePath)}SyncRuns")
            .WithSummary("List an integration's sync runs, newest first")
            .WithDescription(EndpointConventions.PagingDescription)
            .ProducesProblem(StatusCodes.Status404NotFound);

        integrations.MapGet("/sync-runs/{id:guid}", GetSyncRun)
            .RequireAuthorization(Policies.Read)
            .WithName($"Get{Tag(servicePath)}SyncRun")
            .WithSummary("Get a sync run with its progress")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static string Tag(string servicePath) =>
        string.Concat(servicePath.Split('/', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(part => char.ToUpperInvariant(part[0]) + part[1..]));

    public static async Task<Ok<IReadOnlyList<IntegrationResponse>>> ListIntegrations(
        IntegrationCatalog catalog, IntegrationSettingsStore settings, SyncRunStore runs, IActorContext caller,
        IServiceProvider services, CancellationToken cancellationToken)
    {
        var saved = await settings.ListAsync(caller.OrgId, cancellationToken);
        var latest = await runs.LatestAsync(caller.OrgId, cancellationToken);
        return TypedResults.Ok<IReadOnlyList<IntegrationResponse>>([.. catalog.Names.Select(name => Describe(
            IntegrationCatalog.Resolve(services, name), saved.GetValueOrDefault(name), latest.GetValueOrDefault(name)))]);
    }

    public static async Task<Results<Ok<IntegrationResponse>, ProblemHttpResult>> GetIntegration(
        string name, IntegrationCatalog catalog, IntegrationSettingsStore settings, SyncRunStore runs,
        IActorContext caller, IServiceProvider services, CancellationToken cancellationToken)
    {
        if (!catalog.Contains(name))
        {
            return NotFound(name, catalog);
        }
        var latest = await runs.LatestAsync(caller.OrgId, cancellationToken);
        return TypedResults.Ok(Describe(IntegrationCatalog.Resolve(services, name),
            await settings.FindAsync(caller.OrgId, name, cancellationToken), latest.GetValueOrDefault(name)));
    }

    public static async Task<Results<Ok<IntegrationResponse>, ValidationProblem, ProblemHttpResult>> SaveIntegration(
        string name, SaveIntegrationRequest request, IntegrationCatalog catalog, IntegrationSettingsStore settings,
        SyncRunStore runs, IAuditTrail audit, IActorContext caller, IServiceProvider services, IHostEnvironment environment,
        IVendorHostResolver resolver, CancellationToken cancellationToken)
    {
        if (!catalog.Contains(name))
        {
            return NotFound(name, catalog);
        }
        var integration = IntegrationCatalog.Resolve(services, name);
        var saved = await settings.FindAsync(caller.OrgId, name, cancellationToken);
        var errors = await IntegrationSettingsInput.ResolvedAddressErrorsAsync(integration, request.Values,
            environment.IsDevelopment(), resolver, cancellationToken);
        if (IntegrationSettingsInput.Parse(integration, request.Values, request.SyncIntervalMinutes, saved, errors,
                environment.IsDevelopment()) is not var (plain, secrets))
        {
            return TypedResults.ValidationProblem(errors, title: $"The {integration.DisplayName} settings are not valid.");
        }
        var stored = await settings.SaveAsync(caller.OrgId, integration, request.Enabled ?? true, plain, secrets,
            request.SyncIntervalMinutes, audit, cancellationToken);
        var latest = await runs.LatestAsync(caller.OrgId, cancellationToken);
        return TypedResults.Ok(Describe(integration, stored, latest.GetValueOrDefault(name)));
    }

    public static async Task<Results<Ok<ConnectionTestResponse>, ValidationProblem, ProblemHttpResult>> TestIntegration(
        string name, TestIntegrationRequest? request, IntegrationCatalog catalog, IntegrationSettingsStore settings,
        IActorContext caller, IServiceProvider services, IHostEnvironment environment, TimeProvider clock,
        IVendorHostResolver resolver, CancellationToken cancellationToken)
    {
        if (!catalog.Contains(name))
        {
            return NotFound(name, catalog);
        }
        var integration = IntegrationCatalog.Resolve(services, name);
        var invalid = IntegrationSettingsInput.TestErrors(integration, request?.Values, environment.IsDevelopment());
        foreach (var (field, error) in await IntegrationSettingsInput.ResolvedAddressErrorsAsync(integration, request?.Values,
                     environment.IsDevelopment(), resolver, cancellationToken))
        {
            invalid.TryAdd(field, error);
        }
        if (invalid.Count > 0)
        {
            return TypedResults.ValidationProblem(invalid, title: $"The {integration.DisplayName} settings to test are not valid.");
        }
        var saved = await settings.FindAsync(caller.OrgId, name, cancellationToken);
        var values = IntegrationSettingsInput.Overlay(IntegrationSettingsSource.Effective(integration, saved).Values,
            request?.Values);
        var check = await integration.TestAsync(values, cancellationToken);
        // Only a test of what is stored describes the stored settings.
        if (request?.Values is not { Count: > 0 })
        {
            await settings.RecordTestAsync(caller.OrgId, name, check, cancellationToken);
        }
        return TypedResults.Ok(new ConnectionTestResponse(check.Succeeded, check.Message, clock.GetUtcNow()));
    }

    public static async Task<Results<Accepted<SyncRunResponse>, ValidationProblem, ProblemHttpResult>> StartSync(
        string name, StartSyncRequest? request, IntegrationCatalog catalog, IntegrationSettingsStore settings,
        SyncRunStore runs, IActorContext caller, IServiceProvider services, HttpContext http,
        CancellationToken cancellationToken)
    {
        if (!catalog.Contains(name))
        {
            return NotFound(name, catalog);
        }
        var trigger = request?.Trigger ?? SyncTriggers.Manual;
        if (trigger == SyncTriggers.Scheduled || !SyncTriggers.All.Contains(trigger))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["trigger"] = [$"'{trigger}' is not a trigger a caller gives: use manual, sync-all or onboarding."],
            }, title: "The sync request is not valid.");
        }
        var integration = IntegrationCatalog.Resolve(services, name);
        var saved = await settings.FindAsync(caller.OrgId, name, cancellationToken);
        if (IntegrationSettingsSource.Effective(integration, saved).Values is null || saved is { Enabled: false })
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict,
                title: $"{integration.DisplayName} is not set up.",
                detail: saved is { Enabled: false }
                    ? $"{integration.DisplayName} is switched off under Settings → Integrations."
                    : $"Enter the {integration.DisplayName} settings under Settings → Integrations first.");
        }
        var (run, queued) = await runs.EnqueueAsync(caller.OrgId, name, trigger, caller.Name, cancellationToken);
        if (!queued)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict,
                title: $"A {integration.DisplayName} sync is already {run.Status}.",
                detail: $"Sync run {run.Id} is {run.Status}; one runs at a time per integration.",
                extensions: new Dictionary<string, object?> { ["runId"] = run.Id });
        }
        var location = $"{http.Request.PathBase}{http.Request.Path.Value![..^$"/{name}/sync".Length]}/sync-runs/{run.Id}";
        return TypedResults.Accepted(location, SyncRunResponse.From(run));
    }

    public static async Task<Results<Ok<PagedResult<SyncRunResponse>>, ValidationProblem, ProblemHttpResult>> ListSyncRuns(
        string name, [AsParameters] PageParameters paging, IntegrationCatalog catalog, SyncRunStore runs,
        IActorContext caller, CancellationToken cancellationToken)
    {
        if (!catalog.Contains(name))
        {
            return NotFound(name, catalog);
        }
        if (!EndpointConventions.TryParsePage(paging.Page, paging.PageSize, out var page, out var invalid))
        {
            return invalid;
        }
        return TypedResults.Ok((await runs.ListAsync(caller.OrgId, name, page, cancellationToken)).Select(SyncRunResponse.From));
    }

    public static async Task<Results<Ok<SyncRunResponse>, ProblemHttpResult>> GetSyncRun(
        Guid id, IntegrationCatalog catalog, SyncRunStore runs, IActorContext caller, CancellationToken cancellationToken)
    {
        var run = await runs.FindAsync(caller.OrgId, id, cancellationToken);
        return run is not null && catalog.Contains(run.Integration)
            ? TypedResults.Ok(SyncRunResponse.From(run))
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Sync run not found.",
                detail: $"There is no sync run '{id}' in this organization.");
    }

    private static IntegrationResponse Describe(IIntegration integration, SavedIntegrationSettings? saved, SyncRun? lastSync)
    {
        var (values, source) = IntegrationSettingsSource.Effective(integration, saved);
        var fields = integration.Fields.Select(field => new IntegrationFieldResponse(field.Name, field.Label, field.Kind,
            field.Secret, field.Required, field.Choices, field.Help,
            field.Secret ? null : values?[field.Name],
            values?[field.Name] is not null)).ToList();
        var lastTest = saved is { LastTestAt: { } testedAt, LastTestOk: { } ok }
            ? new ConnectionTestResponse(ok, saved.LastTestMessage ?? "", testedAt)
            : null;
        return new IntegrationResponse(integration.Name, integration.DisplayName, integration.Category, source,
            saved?.Enabled ?? values is not null, fields, saved?.SyncIntervalMinutes, saved?.NextSyncAt, lastTest,
            lastSync is null ? null : SyncRunResponse.From(lastSync));
    }

    private static ProblemHttpResult NotFound(string name, IntegrationCatalog catalog) => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound, title: "Integration not found.",
        detail: $"This service has no integration '{name}'; it has {string.Join(", ", catalog.Names)}.");
}

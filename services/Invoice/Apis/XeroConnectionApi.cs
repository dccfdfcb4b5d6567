using System.ComponentModel;
using BillingOne.BuildingBlocks.Auditing;
using BillingOne.BuildingBlocks.Integrations;
using BillingOne.BuildingBlocks.Security;
using BillingOne.BuildingBlocks.Tenancy;
using BillingOne.Invoice.Connectors.Xero;
using BillingOne.Invoice.Data;
using BillingOne.Invoice.Integrations;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BillingOne.Invoice.Apis;

public sealed record XeroTenantResponse(Guid Id, string Name);

/// <summary>
/// The organization's Xero connection. <c>status</c>: <c>disconnected</c>, <c>choose-tenant</c> (authorized for several
/// Xero organisations: pick one), <c>connected</c> or <c>expired</c> (Xero refused to renew it: connect again).
/// </summary>
public sealed record XeroConnectionResponse(
    string Status,
    Guid? TenantId,
    string? TenantName,
    IReadOnlyList<XeroTenantResponse> Tenants,
    DateTimeOffset? ConnectedAt,
    string? ConnectedBy,
    string? Error)
{
    public static XeroConnectionResponse From(XeroConnection? connection) => connection is null
        ? new(XeroConnectionStatus.Disconnected, null, null, [], null, null, null)
        : new(connection.Status, connection.TenantId, connection.TenantName,
            [.. connection.Tenants.Select(tenant => new XeroTenantResponse(tenant.Id, tenant.Name))],
            connection.ConnectedAt, connection.ConnectedBy, connection.LastError);
}

public sealed record XeroConnectResponse(Uri AuthorizeUrl);

public sealed record ChooseXeroTenantRequest([property: Description("One of the connection's `tenants`.")] Guid? TenantId);

/// <summary>
/// Connecting an organization to Xero with OAuth2's authorization-code flow: connect gives the consent address, Xero
/// sends the browser back to the callback (anonymous: the browser returns without the session guarantee, so the
/// single-use state is the proof), then a tenant is chosen when Xero listed several. Organization-wide.
/// </summary>
public static partial class XeroConnectionApi
{
    private const string BasePath = "/api/invoice/xero";
    public const string CallbackPath = BasePath + "/callback";
    public const string SettingsPage = "/settings/integrations";

    public static IEndpointRouteBuilder MapXeroConnectionApi(this IEndpointRouteBuilder app)
    {
        var xero = app.MapGroup(BasePath).WithTags("Xero connection");

        xero.MapGet("/connection", GetConnection)
            .RequireAuthorization(Policies.Read)
            .OrganizationWideOnly()
            .WithName("GetXeroConnection")
            .WithSummary("Get the Xero connection")
            .WithDescription("`status` is disconnected, choose-tenant, connected or expired, with the tenant and who connected it.");

        xero.MapPost("/connect", Connect)
            .RequireAuthorization(Policies.Billing)
            .WithName("ConnectXero")
            .WithSummary("Start connecting Xero")
            .WithDescription("Answers the Xero consent address to send the browser to; its `state` is single-use and " +
                $"valid for {XeroConnectionStore.StateLifetime.TotalMinutes:0} minutes. 409 when the Xero app's client id and secret are not set.")
            .ProducesProblem(StatusCodes.Status409Conflict);

        xero.MapGet("/callback", Callback)
            .AllowAnonymous()
            .WithName("XeroCallback")
            .WithSummary("Where Xero sends the browser back")
            .WithDescription($"Exchanges the code, reads the authorized tenants and redirects (302) to `{SettingsPage}` with " +
                "`xero=connected`, `xero=choose-tenant` or `xero=error&reason=…`. A bad, expired or reused state is an error redirect.")
            .Produces(StatusCodes.Status302Found);

        xero.MapPut("/tenant", ChooseTenant)
            .RequireAuthorization(Policies.Billing)
            .WithName("ChooseXeroTenant")
            .WithSummary("Choose the Xero organisation to sync")
            .WithDescription("One of the connection's `tenants`. Audited.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);

        xero.MapDelete("/connection", Disconnect)
            .RequireAuthorization(Policies.Billing)
            .WithName("DisconnectXero")
            .WithSummary("Disconnect Xero")
            .WithDescription("Revokes the refresh token at Xero and forgets the tokens; 204 also when nothing was connected. Audited.");
        return app;
    }

    public static async Task<Ok<XeroConnectionResponse>> GetConnection(XeroConnectionStore connections, IActorContext caller,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(XeroConnectionResponse.From(await connections.FindAsync(caller.OrgId, cancellationToken)));

    public static async Task<Results<Ok<XeroConnectResponse>, ProblemHttpResult>> Connect(HttpContext http,
        XeroApps apps, IntegrationSettingsStore settings, XeroConnectionStore connections, IActorContext caller,
        IHostEnvironment environment, CancellationToken cancellationToken)
    {
        if (await apps.AppOfAsync(settings, caller.OrgId, cancellationToken) is not { } app)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Xero is not set up.",
                detail: "Enter the client ID and secret of a Xero app under Settings → Integrations first.");
        }
        if (RedirectUriOf(apps.Options, environment.IsDevelopment(), http.Request) is not { } redirectUri)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Xero's return address is not configured.",
                detail: "The deployment must set Connectors:Xero:RedirectUri to the gateway's public https address followed by "
                    + $"{CallbackPath}, the address registered with the Xero app (deploy/README.md, Xero).");
        }
        var state = await connections.StartAuthorizationAsync(new XeroAuthorizationState(caller.OrgId, redirectUri,
            new AuditActor(caller.OrgId, caller.ActorType, caller.ActorId, caller.ApiKeyId), caller.Name), cancellationToken);
        return TypedResults.Ok(new XeroConnectResponse(XeroIdentityClient.AuthorizeUrl(app, redirectUri, state)));
    }

    /// <summary>
    /// Where Xero sends the browser back: <c>Connectors:Xero:RedirectUri</c>, the gateway's public address (Xero accepts
    /// only a redirect URI registered with the app, over https except for localhost). Outside development it must be
    /// configured and https; a development run without one uses the address the connect request came in on. Null when
    /// there is none to use.
    /// </summary>
    public static Uri? RedirectUriOf(XeroConnectorOptions options, bool development, HttpRequest request)
    {
        if (options.RedirectUri is { IsAbsoluteUri: true } configured)
        {
            return development || configured.Scheme == Uri.UriSchemeHttps ? configured : null;
        }
        return development ? new Uri($"{request.Scheme}://{request.Host}{request.PathBase}{CallbackPath}") : null;
    }

    public static async Task<RedirectHttpResult> Callback(string? code, string? state, string? error,
        XeroApps apps, IntegrationSettingsStore settings, XeroConnectionStore connections, XeroIdentityClient identity,
        IAuditTrail audit, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var logger = loggers.CreateLogger(typeof(XeroConnectionApi));
        if (string.IsNullOrWhiteSpace(state) || state.Length > 200
            || await connections.TakeAuthorizationAsync(state, cancellationToken) is not { } authorization)
        {
            return Failed("The sign-in to Xero expired or was already used. Connect again.");
        }
        if (error is not null || string.IsNullOrWhiteSpace(code))
        {
            return Failed(error == "access_denied" ? "Access to Xero was not allowed." : "Xero did not authorize the connection.");
        }
        if (await apps.AppOfAsync(settings, authorization.OrgId, cancellationToken) is not { } app)
        {
            return Failed("The Xero app's client ID and secret are not set.");
        }
        try
        {
            var tokens = await identity.ExchangeCodeAsync(app, code, authorization.RedirectUri, cancellationToken);
            var tenants = await identity.ListTenantsAsync(app, tokens.AccessToken, cancellationToken);
            if (tenants.Count == 0)
            {
                return Failed("Xero authorized no organisation. Connect again and choose one.");
            }
            var saved = await connections.SaveAuthorizationAsync(authorization, tokens, tenants, audit, cancellationToken);
            return TypedResults.Redirect($"{SettingsPage}?xero={saved.Status}");
        }
        catch (Exception exception) when (exception is XeroGrantRefusedException or HttpRequestException or XeroPayloadException
                                              or TimeoutException or TaskCanceledException)
        {
            LogCallbackFailed(logger, exception, authorization.OrgId);
            return Failed(exception is XeroGrantRefusedException refused
                ? $"Xero refused the sign-in ({refused.Error}). Connect again."
                : "Xero could not be reached. Try again.");
        }
    }

    public static async Task<Results<Ok<XeroConnectionResponse>, ValidationProblem, ProblemHttpResult>> ChooseTenant(
        ChooseXeroTenantRequest request, XeroConnectionStore connections, IAuditTrail audit, IActorContext caller,
        CancellationToken cancellationToken)
    {
        if (request.TenantId is not { } tenantId || tenantId == Guid.Empty)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["tenantId"] = ["tenantId is required: one of the connection's tenants."],
            }, title: "The tenant choice is not valid.");
        }
        var (connection, listed) = await connections.ChooseTenantAsync(caller.OrgId, tenantId, audit, cancellationToken);
        if (connection is null || connection.Status == XeroConnectionStatus.Expired)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Xero is not connected.",
                detail: "Connect Xero first; then choose among the organisations it lists.");
        }
        return listed
            ? TypedResults.Ok(XeroConnectionResponse.From(connection))
            : TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["tenantId"] = [$"Xero did not authorize tenant {tenantId}; choose one of: " +
                    string.Join(", ", connection.Tenants.Select(tenant => $"{tenant.Id} ({tenant.Name})")) + "."],
            }, title: "The tenant choice is not valid.");
    }

    public static async Task<NoContent> Disconnect(XeroApps apps, IntegrationSettingsStore settings,
        XeroConnectionStore connections, XeroIdentityClient identity, IAuditTrail audit, IActorContext caller,
        ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var app = await apps.AppOfAsync(settings, caller.OrgId, cancellationToken);
        await connections.DisconnectAsync(caller.OrgId, async refreshToken =>
        {
            if (app is null)
            {
                return;
            }
            try
            {
                await identity.RevokeAsync(app, refreshToken, cancellationToken);
            }
            catch (Exception exception) when (exception is HttpRequestException or TimeoutException or TaskCanceledException)
            {
                // Forgetting the tokens matters more than Xero's confirmation: they are never used again.
                LogRevokeFailed(loggers.CreateLogger(typeof(XeroConnectionApi)), exception, caller.OrgId);
            }
        }, audit, cancellationToken);
        return TypedResults.NoContent();
    }

    private static RedirectHttpResult Failed(string reason) =>
        TypedResults.Redirect($"{SettingsPage}?xero=error&reason={Uri.EscapeDataString(reason)}");

    [LoggerMessage(Level = LogLevel.Warning, Message = "Connecting organization {OrgId} to Xero failed at the callback.")]
    private static partial void LogCallbackFailed(ILogger logger, Exception exception, Guid orgId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Revoking organization {OrgId}'s Xero token failed; the tokens are forgotten anyway.")]
    private static partial void LogRevokeFailed(ILogger logger, Exception exception, Guid orgId);
}

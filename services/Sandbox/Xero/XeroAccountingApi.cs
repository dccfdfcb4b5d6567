using System.Globalization;
using System.Security.Claims;
using BillingOne.Sandbox.Auth;
using BillingOne.Sandbox.Faults;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace BillingOne.Sandbox.Xero;

/// <summary>
/// Xero under <c>/xero</c>, at Xero's own paths below it (identity, <c>connections</c>, <c>api.xro/2.0</c>), so the
/// invoice service swaps only its base addresses. The Accounting API needs a Xero access token and the
/// <c>xero-tenant-id</c> header of a connected tenant, then counts the call against the tenant's limits.
/// </summary>
public static class XeroAccountingApi
{
    public const string Vendor = "xero";
    public const string PolicyName = "xero-accounting";
    public const string TenantHeader = "xero-tenant-id";
    public const int DefaultPageSize = 100;
    public const int MaxPageSize = 1000;

    public static IEndpointRouteBuilder MapXeroApi(this IEndpointRouteBuilder app)
    {
        var options = app.ServiceProvider.GetRequiredService<IOptions<XeroOptions>>().Value;
        var limits = new XeroRateLimit(options, app.ServiceProvider.GetRequiredService<TimeProvider>());
        var xero = app.MapGroup("/xero");
        xero.MapXeroIdentity(options);

        var api = xero.MapGroup("/api.xro/2.0")
            .RequireAuthorization(PolicyName)
            .AddEndpointFilter(async (context, next) =>
                RefuseTenant(context.HttpContext, limits) ?? await next(context))
            .WithInjectedServerErrors();
        api.MapGet("/Invoices", ListInvoices);
        api.MapGet("/Invoices/{id}", GetInvoice);
        api.MapPut("/Invoices", XeroDraftInvoices.CreateAsync);
        api.MapPost("/Invoices", XeroDraftInvoices.CreateAsync);
        api.MapGet("/Contacts", (HttpRequest request, XeroLedger ledger, int? page, int? pageSize) =>
            Page(request, ledger.Data.Contacts, contact => contact.UpdatedAt, page, pageSize,
                (pagination, contacts) => Envelope(request, pagination) with { Contacts = contacts }));
        api.MapGet("/Contacts/{id}", GetContact);

        var control = app.MapGroup("/sandbox/xero").AllowAnonymous();
        control.MapGet("/underbilled", (XeroLedger ledger) => TypedResults.Ok(ledger.Data.UnderBilled));
        control.MapGet("/created-invoices", (XeroLedger ledger) => XeroJson.Ok(ledger.Created));
        control.MapPost("/revoke", (RevokeRequest body, XeroAuthorizationServer server) =>
            server.Revoke(body.RefreshToken) ? Results.NoContent() : Results.NotFound());
        return app;
    }

    /// <summary>Only tokens from the Xero token endpoint may call the Accounting API and list connections.</summary>
    public static AuthorizationBuilder AddXeroPolicy(this AuthorizationBuilder authorization) =>
        authorization.AddPolicy(PolicyName, policy => policy
            .AddAuthenticationSchemes(SandboxBearerHandler.SchemeName)
            .RequireClaim(SandboxBearerHandler.VendorClaim, Vendor));

    public sealed record RevokeRequest(string RefreshToken);

    public sealed record XeroForbidden(string Title, int Status, string Detail, Guid Instance);

    /// <summary>Xero answers a missing, unknown or disconnected tenant with 403 and this body.</summary>
    private static IResult? RefuseTenant(HttpContext context, XeroRateLimit limits)
    {
        var clientId = XeroIdentityApi.ClientIdOf(context.User);
        var server = context.RequestServices.GetRequiredService<XeroAuthorizationServer>();
        if (!Guid.TryParse(context.Request.Headers[TenantHeader], out var tenantId) || !server.IsConnected(clientId, tenantId))
        {
            return Results.Json(new XeroForbidden("Forbidden", StatusCodes.Status403Forbidden, "AuthenticationUnsuccessful", Guid.NewGuid()),
                XeroJson.Options, statusCode: StatusCodes.Status403Forbidden);
        }
        return limits.Refusal(context.Response, clientId, tenantId);
    }

    private static IResult ListInvoices(HttpRequest request, XeroLedger ledger, int? page, int? pageSize,
        string? statuses, string? contactIDs, string? where)
    {
        if (where is not null)
        {
            return XeroDraftInvoices.Error(StatusCodes.Status400BadRequest, 16, "QueryParseException",
                "The sandbox does not evaluate 'where'; filter with Statuses, ContactIDs and If-Modified-Since.");
        }
        var wanted = Split(statuses);
        var contacts = Split(contactIDs);
        var invoices = ledger.Invoices
            .Where(invoice => (wanted.Count == 0 || wanted.Contains(invoice.Status))
                && (contacts.Count == 0 || contacts.Contains(invoice.Contact.ContactID.ToString())))
            .ToList();
        return Page(request, invoices, invoice => invoice.UpdatedAt, page, pageSize,
            (pagination, items) => Envelope(request, pagination) with { Invoices = items });
    }

    /// <summary>By id or by invoice number, as Xero allows.</summary>
    private static IResult GetInvoice(HttpRequest request, XeroLedger ledger, string id)
    {
        var invoice = ledger.Invoices.FirstOrDefault(candidate =>
            candidate.InvoiceID.ToString().Equals(id, StringComparison.OrdinalIgnoreCase) || candidate.InvoiceNumber == id);
        return invoice is null
            ? XeroDraftInvoices.Error(StatusCodes.Status404NotFound, 404, "NotFound", $"No invoice has id or number '{id}'.")
            : XeroJson.Ok(Envelope(request, null) with { Invoices = [invoice] });
    }

    private static IResult GetContact(HttpRequest request, XeroLedger ledger, string id)
    {
        var contact = ledger.Data.Contacts.FirstOrDefault(candidate =>
            candidate.ContactID.ToString().Equals(id, StringComparison.OrdinalIgnoreCase));
        return contact is null
            ? XeroDraftInvoices.Error(StatusCodes.Status404NotFound, 404, "NotFound", $"No contact has id '{id}'.")
            : XeroJson.Ok(Envelope(request, null) with { Contacts = [contact] });
    }

    /// <summary>
    /// Xero's paging: without <c>page</c> everything comes at once; with it, pages of <c>pageSize</c> (100 unless said)
    /// counted from 1, a page past the last empty. <c>If-Modified-Since</c> keeps what changed after it.
    /// </summary>
    private static IResult Page<T>(HttpRequest request, IReadOnlyList<T> items, Func<T, DateTimeOffset> updatedAt,
        int? page, int? pageSize, Func<XeroPagination?, IReadOnlyList<T>, XeroEnvelope> envelope)
    {
        if (page < 1 || pageSize is < 1 or > MaxPageSize)
        {
            return XeroDraftInvoices.Error(StatusCodes.Status400BadRequest, 16, "QueryParseException",
                $"page must be 1 or more and pageSize between 1 and {MaxPageSize}.");
        }
        var since = request.Headers.IfModifiedSince.ToString();
        IReadOnlyList<T> selected = items;
        if (since.Length > 0)
        {
            if (!DateTimeOffset.TryParse(since, CultureInfo.InvariantCulture,
                    DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var after))
            {
                return XeroDraftInvoices.Error(StatusCodes.Status400BadRequest, 16, "QueryParseException",
                    $"If-Modified-Since '{since}' is not a date.");
            }
            selected = [.. items.Where(item => updatedAt(item) > after)];
        }
        if (page is not { } number)
        {
            return XeroJson.Ok(envelope(null, selected));
        }
        var size = pageSize ?? DefaultPageSize;
        var content = selected.Skip((int)Math.Min((long)(number - 1) * size, int.MaxValue)).Take(size).ToList();
        return XeroJson.Ok(envelope(new XeroPagination(number, size, (selected.Count + size - 1) / size, selected.Count), content));
    }

    internal static XeroEnvelope Envelope(HttpRequest request, XeroPagination? pagination) =>
        new(Guid.NewGuid(), "OK", "BillingOne Sandbox",
            XeroJson.Date(request.HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow()), pagination);

    private static HashSet<string> Split(string? list) =>
        new((list ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            StringComparer.OrdinalIgnoreCase);
}

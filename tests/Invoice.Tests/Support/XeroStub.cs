using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace BillingOne.Invoice.Tests.Support;

/// <summary>
/// A WireMock.Net stand-in for Xero: the identity server (token, revocation), <c>/connections</c> and the Accounting
/// API's Invoices and Contacts, answering as Xero documents them (PascalCase, <c>/Date(ms+0000)/</c> dates). Each test
/// gives its organization its own codes, tokens and tenant, so tests share one stub without seeing each other.
/// </summary>
public sealed class XeroStub : IDisposable
{
    public const string TokenPath = "/identity/connect/token";
    public const string RevocationPath = "/identity/connect/revocation";
    public const string ConnectionsPath = "/connections";
    public const string InvoicesPath = "/api.xro/2.0/Invoices";
    public const string ContactsPath = "/api.xro/2.0/Contacts";

    public WireMockServer Server { get; } = WireMockServer.Start();

    public string Url => Server.Url!;

    /// <summary>The authorization code <paramref name="code"/> gives these tokens, and they list <paramref name="tenants"/>.</summary>
    public void GivenAuthorization(string code, string accessToken, string refreshToken, int expiresIn,
        params (Guid Id, string Name)[] tenants)
    {
        Server.Given(Request.Create().WithPath(TokenPath).UsingPost()
                .WithBody(Form(("grant_type", "authorization_code"), ("code", code))))
            .RespondWith(Tokens(accessToken, refreshToken, expiresIn));
        Server.Given(Request.Create().WithPath(ConnectionsPath).UsingGet().WithHeader("Authorization", $"Bearer {accessToken}"))
            .RespondWith(Response.Create().WithStatusCode(200).WithBodyAsJson(tenants.Select(tenant => new
            {
                id = Guid.NewGuid(),
                authEventId = Guid.NewGuid(),
                tenantId = tenant.Id,
                tenantType = "ORGANISATION",
                tenantName = tenant.Name,
                createdDateUtc = "2026-11-01T00:00:00.0000000",
                updatedDateUtc = "2026-11-01T00:00:00.0000000",
            }).ToArray()));
    }

    /// <summary>Refreshing with <paramref name="refreshToken"/> gives new tokens (Xero rotates the refresh token).</summary>
    public void GivenRefresh(string refreshToken, string newAccessToken, string newRefreshToken, int expiresIn = 1800) =>
        Server.Given(RefreshRequest(refreshToken)).RespondWith(Tokens(newAccessToken, newRefreshToken, expiresIn));

    /// <summary>Xero refuses <paramref name="refreshToken"/> for good: used, expired or revoked.</summary>
    public void GivenRefreshRefused(string refreshToken) =>
        Server.Given(RefreshRequest(refreshToken)).RespondWith(Response.Create().WithStatusCode(400)
            .WithBodyAsJson(new { error = "invalid_grant" }));

    public void GivenRevocation() =>
        Server.Given(Request.Create().WithPath(RevocationPath).UsingPost()).RespondWith(Response.Create().WithStatusCode(200));

    /// <summary>Page <paramref name="page"/> of the tenant's invoices answers <paramref name="invoices"/>.</summary>
    public void GivenInvoicesPage(Guid tenantId, int page, params object[] invoices) =>
        Server.Given(PageRequest(InvoicesPath, tenantId, page))
            .RespondWith(Json(new { Id = Guid.NewGuid(), Status = "OK", Invoices = invoices }));

    /// <summary>
    /// The tenant's draft invoice PUTs answer as Xero does with an <c>Idempotency-Key</c>: every request with the same
    /// key gets the one invoice created for it (<paramref name="invoiceId"/>, numbered <paramref name="number"/>).
    /// </summary>
    public void GivenDraftInvoiceCreated(Guid tenantId, Guid invoiceId, string number) =>
        Server.Given(Request.Create().WithPath(InvoicesPath).UsingPut().WithHeader("xero-tenant-id", tenantId.ToString()))
            .RespondWith(Json(new { Id = Guid.NewGuid(), Status = "OK", Invoices = new[] { new { InvoiceID = invoiceId, InvoiceNumber = number, Status = "DRAFT" } } }));

    /// <summary>The tenant's draft invoice PUTs are refused with Xero's validation error.</summary>
    public void GivenDraftInvoiceRefused(Guid tenantId, string message) =>
        Server.Given(Request.Create().WithPath(InvoicesPath).UsingPut().WithHeader("xero-tenant-id", tenantId.ToString()))
            .RespondWith(Response.Create().WithStatusCode(400).WithHeader("Content-Type", "application/json").WithBodyAsJson(new
            {
                ErrorNumber = 10,
                Type = "ValidationException",
                Message = "A validation exception occurred",
                Elements = new[] { new { ValidationErrors = new[] { new { Message = message } } } },
            }));

    /// <summary><c>GET Invoices/{id}</c> of the tenant answers <paramref name="invoice"/>, as Xero answers one invoice.</summary>
    public void GivenInvoice(Guid tenantId, Guid invoiceId, object invoice) =>
        Server.Given(Request.Create().WithPath($"{InvoicesPath}/{invoiceId}").UsingGet()
                .WithHeader("xero-tenant-id", tenantId.ToString()))
            .RespondWith(Json(new { Id = Guid.NewGuid(), Status = "OK", Invoices = new[] { invoice } }));

    /// <summary>Everything the tenant's API calls asked for, oldest first.</summary>
    public IReadOnlyList<string> TenantPaths(Guid tenantId) =>
        [.. Server.LogEntries
            .Where(entry => entry.RequestMessage.Headers?.TryGetValue("xero-tenant-id", out var tenant) == true
                && tenant.Contains(tenantId.ToString()))
            .OrderBy(entry => entry.RequestMessage.DateTime)
            .Select(entry => entry.RequestMessage.Path)];

    public void GivenContactsPage(Guid tenantId, int page, params object[] contacts) =>
        Server.Given(PageRequest(ContactsPath, tenantId, page))
            .RespondWith(Json(new { Id = Guid.NewGuid(), Status = "OK", Contacts = contacts }));

    /// <summary>The tenant's invoices page answers <paramref name="body"/> as it is (malformed JSON, say).</summary>
    public void GivenRawInvoicesPage(Guid tenantId, int page, string body) =>
        Server.Given(PageRequest(InvoicesPath, tenantId, page))
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(body));

    /// <summary>
    /// The first request for the page is refused for the <paramref name="limit"/> (<c>minute</c> or <c>day</c>); later
    /// ones answer <paramref name="invoices"/>.
    /// </summary>
    public void GivenInvoicesPageLimitedOnce(Guid tenantId, int page, string limit, int retryAfterSeconds, params object[] invoices)
    {
        var scenario = $"{tenantId}-{page}-{limit}";
        Server.Given(PageRequest(InvoicesPath, tenantId, page)).InScenario(scenario).WillSetStateTo("refused")
            .RespondWith(Response.Create().WithStatusCode(HttpStatusCode.TooManyRequests)
                .WithHeader("Retry-After", retryAfterSeconds.ToString())
                .WithHeader("X-Rate-Limit-Problem", limit)
                .WithBody("{\"Title\":\"Too many requests\"}"));
        Server.Given(PageRequest(InvoicesPath, tenantId, page)).InScenario(scenario).WhenStateIs("refused")
            .RespondWith(Json(new { Id = Guid.NewGuid(), Status = "OK", Invoices = invoices }));
    }

    /// <summary>The page is refused for the minute limit on every request, without a <c>Retry-After</c>.</summary>
    public void GivenInvoicesPageAlwaysLimited(Guid tenantId, int page) =>
        Server.Given(PageRequest(InvoicesPath, tenantId, page))
            .RespondWith(Response.Create().WithStatusCode(HttpStatusCode.TooManyRequests)
                .WithHeader("X-Rate-Limit-Problem", "minute").WithBody("{\"Title\":\"Too many requests\"}"));

    /// <summary>
    /// Every API call for the tenant is refused as Xero refuses an access token it does not accept, whatever the token:
    /// 401 with the problem body Xero documents (<c>Detail: AuthenticationUnsuccessful</c>).
    /// </summary>
    public void GivenEveryAccessTokenRefused(Guid tenantId) =>
        Server.Given(Request.Create().UsingGet().WithHeader("xero-tenant-id", tenantId.ToString()))
            .RespondWith(Response.Create().WithStatusCode(HttpStatusCode.Unauthorized)
                .WithHeader("Content-Type", "application/json").WithBodyAsJson(new
                {
                    Type = (string?)null,
                    Title = "Unauthorized",
                    Status = 401,
                    Detail = "AuthenticationUnsuccessful",
                    Instance = Guid.NewGuid(),
                }));

    /// <summary>What Xero received at <paramref name="path"/> for the tenant, oldest first.</summary>
    public IReadOnlyList<WireMock.Logging.ILogEntry> Requests(string path, Guid? tenantId = null) =>
        [.. Server.LogEntries
            .Where(entry => entry.RequestMessage.Path == path && (tenantId is null
                || (entry.RequestMessage.Headers?.TryGetValue("xero-tenant-id", out var tenant) == true
                    && tenant.Contains(tenantId.Value.ToString()))))
            .OrderBy(entry => entry.RequestMessage.DateTime)];

    public IReadOnlyList<string> TokenRequestBodies() =>
        [.. Server.LogEntries.Where(entry => entry.RequestMessage.Path == TokenPath)
            .OrderBy(entry => entry.RequestMessage.DateTime).Select(entry => entry.RequestMessage.Body ?? "")];

    public static object Contact(Guid id, string name) => new
    {
        ContactID = id,
        Name = name,
        EmailAddress = $"accounts@{name.Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant()}.example",
        ContactStatus = "ACTIVE",
        IsCustomer = true,
        UpdatedDateUTC = MicrosoftDate(new DateTimeOffset(2026, 10, 1, 0, 0, 0, TimeSpan.Zero)),
    };

    /// <summary>A sales invoice as Xero writes it, with one line per amount in <paramref name="lines"/>.</summary>
    public static Dictionary<string, object?> Invoice(Guid id, string number, Guid contactId, string contactName, string status,
        DateOnly date, DateOnly dueDate, decimal amountPaid = 0, string? reference = null, params decimal[] lines)
    {
        var amounts = lines.Length == 0 ? [100m] : lines;
        var subTotal = amounts.Sum();
        var tax = Math.Round(subTotal * 0.1m, 2, MidpointRounding.AwayFromZero);
        var total = subTotal + tax;
        return new Dictionary<string, object?>
        {
            ["InvoiceID"] = id,
            ["Type"] = "ACCREC",
            ["InvoiceNumber"] = number,
            ["Reference"] = reference,
            ["Contact"] = new { ContactID = contactId, Name = contactName },
            ["DateString"] = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T00:00:00",
            ["DueDateString"] = dueDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T00:00:00",
            ["Date"] = MicrosoftDate(new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero)),
            ["DueDate"] = MicrosoftDate(new DateTimeOffset(dueDate.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero)),
            ["Status"] = status,
            ["LineAmountTypes"] = "Exclusive",
            ["LineItems"] = amounts.Select((amount, index) => new
            {
                LineItemID = Guid.NewGuid(),
                Description = $"Managed services line {index + 1}",
                Quantity = 1m,
                UnitAmount = amount,
                LineAmount = amount,
                AccountCode = "200",
                ItemCode = $"MS-{index + 1}",
                TaxType = "OUTPUT",
                TaxAmount = Math.Round(amount * 0.1m, 2, MidpointRounding.AwayFromZero),
            }).ToArray(),
            ["SubTotal"] = subTotal,
            ["TotalTax"] = tax,
            ["Total"] = total,
            ["AmountDue"] = total - amountPaid,
            ["AmountPaid"] = amountPaid,
            ["CurrencyCode"] = "AUD",
            ["FullyPaidOnDate"] = status == "PAID" ? MicrosoftDate(new DateTimeOffset(dueDate.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero)) : null,
            ["UpdatedDateUTC"] = MicrosoftDate(new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero)),
        };
    }

    public static string MicrosoftDate(DateTimeOffset instant) => $"/Date({instant.ToUnixTimeMilliseconds()}+0000)/";

    private static IRequestBuilder PageRequest(string path, Guid tenantId, int page) =>
        Request.Create().WithPath(path).UsingGet().WithHeader("xero-tenant-id", tenantId.ToString())
            .WithParam("page", page.ToString());

    private static IRequestBuilder RefreshRequest(string refreshToken) =>
        Request.Create().WithPath(TokenPath).UsingPost()
            .WithBody(Form(("grant_type", "refresh_token"), ("refresh_token", refreshToken)));

    /// <summary>Matches a form body holding every one of <paramref name="fields"/>, in any order.</summary>
    private static RegexMatcher Form(params (string Name, string Value)[] fields) =>
        new("^" + string.Concat(fields.Select(field =>
            $"(?=(.*&)?{Regex.Escape(field.Name)}={Regex.Escape(Uri.EscapeDataString(field.Value))}(&|$))")));

    private static IResponseBuilder Tokens(string accessToken, string refreshToken, int expiresIn) =>
        Response.Create().WithStatusCode(200).WithBodyAsJson(new
        {
            access_token = accessToken,
            refresh_token = refreshToken,
            expires_in = expiresIn,
            token_type = "Bearer",
            scope = "openid profile email accounting.invoices accounting.contacts offline_access",
        });

    private static IResponseBuilder Json(object body) => Response.Create().WithStatusCode(200).WithBodyAsJson(body);

    public void Dispose()
    {
        Server.Stop();
        Server.Dispose();
    }
}

namespace BillingOne.DemoSeeder.Sandbox;

/// <summary>The sandbox's Xero consent could not be given or its redirects did not lead back to BillingOne.</summary>
public sealed class XeroConsentException(string message) : Exception(message);

/// <summary>
/// What a browser does on the sandbox's Xero consent page, with an <see cref="HttpClient"/> that does not follow
/// redirects: posts the page's form with <c>decision=allow</c> (services/Sandbox/README.md, "Xero"), then follows the
/// 302 to BillingOne's callback and answers where that callback sends the browser (the Settings page's address).
/// </summary>
public sealed class XeroConsent(HttpClient noRedirects)
{
    private static readonly string[] AuthorizeFields = ["response_type", "client_id", "redirect_uri", "scope", "state"];

    /// <summary>The address BillingOne's callback redirects to, e.g. <c>/settings/integrations?xero=connected</c>.</summary>
    public async Task<Uri> AllowAsync(Uri authorizeUrl, CancellationToken cancellationToken)
    {
        var query = System.Web.HttpUtility.ParseQueryString(authorizeUrl.Query);
        var form = AuthorizeFields
            .Where(field => query[field] is not null)
            .Select(field => KeyValuePair.Create(field, query[field]!))
            .Append(KeyValuePair.Create("decision", "allow"))
            .ToList();
        var consentAddress = new Uri(authorizeUrl.GetLeftPart(UriPartial.Path));
        using var content = new FormUrlEncodedContent(form);
        using var consent = await noRedirects.PostAsync(consentAddress, content, cancellationToken);
        var callback = RedirectOf(consent, consentAddress);
        using var settings = await noRedirects.GetAsync(callback, cancellationToken);
        return RedirectOf(settings, callback);
    }

    private static Uri RedirectOf(HttpResponseMessage response, Uri requested)
    {
        if ((int)response.StatusCode is < 300 or >= 400 || response.Headers.Location is not { } location)
        {
            throw new XeroConsentException(
                $"{response.RequestMessage?.Method} {requested.GetLeftPart(UriPartial.Path)} answered " +
                $"{(int)response.StatusCode} instead of a redirect.");
        }
        return location.IsAbsoluteUri ? location : new Uri(requested, location);
    }
}

namespace BillingOne.Invoice.Connectors.Xero;

/// <summary>
/// Xero refused the day's calls for the tenant (429 with <c>X-Rate-Limit-Problem: day</c>); calls resume after
/// <see cref="ResumesAt"/>.
/// </summary>
public sealed class XeroDailyLimitException : Exception
{
    public XeroDailyLimitException(DateTimeOffset resumesAt)
        : base($"Xero's daily limit reached, resumes after {resumesAt:yyyy-MM-dd HH:mm} UTC.")
    {
        ResumesAt = resumesAt;
    }

    /// <summary>The run's failure once it applied what it read before the limit.</summary>
    public XeroDailyLimitException(DateTimeOffset resumesAt, int contactsRead, int invoicesRead)
        : base($"Xero's daily limit reached, resumes after {resumesAt:yyyy-MM-dd HH:mm} UTC. The {contactsRead} contacts " +
            $"and {invoicesRead} invoices read before it were applied; the next sync reads the rest.")
    {
        ResumesAt = resumesAt;
    }

    public DateTimeOffset ResumesAt { get; }
}

/// <summary>
/// Xero no longer accepts the organization's authorization (the refresh token was refused, revoked or the connection
/// removed): a person must connect Xero again.
/// </summary>
public sealed class XeroReconnectRequiredException(string message) : Exception(message);

/// <summary>A Xero answer that cannot be used, naming the list, page and field.</summary>
public sealed class XeroPayloadException(string resource, int page, string field, string reason)
    : Exception($"Xero {resource} page {page}: {field} {reason}")
{
    public string Resource { get; } = resource;

    public int Page { get; } = page;

    public string Field { get; } = field;

    public string Reason { get; } = reason;
}

/// <summary>The identity server refused a grant; <see cref="Error"/> is its OAuth error code (<c>invalid_grant</c>, ...).</summary>
public sealed class XeroGrantRefusedException(string error, string? description)
    : Exception($"Xero refused the authorization ({error}){(description is null ? "" : $": {description}")}.")
{
    public string Error { get; } = error;

    /// <summary>The grant is dead for good (expired, used, revoked); anything else may be a passing fault.</summary>
    public bool IsPermanent => Error is "invalid_grant" or "unauthorized_client" or "invalid_client";
}

/// <summary>Xero refused an invoice it was sent (a 4xx, usually a <c>ValidationException</c>): retrying the same will not help.</summary>
public sealed class XeroInvoiceRefusedException(int statusCode, string messages)
    : Exception($"Xero refused the invoice ({statusCode}): {messages}")
{
    /// <summary>The validation messages of a Xero error body, or the body itself when it has none.</summary>
    public static string MessagesOf(string body)
    {
        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(body);
            var messages = document.RootElement.TryGetProperty("Elements", out var elements) && elements.ValueKind == System.Text.Json.JsonValueKind.Array
                ? elements.EnumerateArray()
                    .SelectMany(element => element.TryGetProperty("ValidationErrors", out var errors) ? errors.EnumerateArray() : [])
                    .Select(error => error.TryGetProperty("Message", out var message) ? message.GetString() : null)
                    .OfType<string>()
                    .ToList()
                : [];
            if (messages.Count > 0)
            {
                return string.Join("; ", messages);
            }
            return document.RootElement.TryGetProperty("Message", out var text) ? text.GetString() ?? body : body;
        }
        catch (System.Text.Json.JsonException)
        {
            return body.Length > 300 ? body[..300] : body;
        }
    }
}

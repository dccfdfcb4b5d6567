namespace BillingOne.Identity.Domain;

/// <summary>How the SMTP connection is secured, as MailKit's options name them.</summary>
public static class SmtpTlsModes
{
    /// <summary>Plain text (a local sink such as smtp4dev); never for a real server across a network.</summary>
    public const string None = "none";

    /// <summary>Plain connection upgraded with STARTTLS, required (port 587).</summary>
    public const string StartTls = "starttls";

    /// <summary>TLS from the first byte (port 465).</summary>
    public const string Tls = "tls";

    public static readonly IReadOnlyList<string> All = [None, StartTls, Tls];
}

/// <summary>
/// The organization's mail server (Settings → Email notifications). <see cref="Password"/> is only ever held in
/// memory: the store keeps it encrypted, and the API never answers it.
/// </summary>
public sealed record SmtpSettings(
    string Host,
    int Port,
    string TlsMode,
    string? UserName,
    string? Password,
    string FromAddress)
{
    public const int MaxHostLength = 253;
    public const int MaxUserNameLength = 256;
    public const int MaxPasswordLength = 1024;

    /// <summary>
    /// Settings from what a person entered, or null with one message per wrong field (named as the API's members).
    /// A null <paramref name="password"/> keeps <paramref name="currentPassword"/> (the form never shows it); an empty
    /// one removes it.
    /// </summary>
    public static SmtpSettings? Parse(string? host, int? port, string? tlsMode, string? userName, string? password,
        string? fromAddress, string? currentPassword, IDictionary<string, string[]> errors)
    {
        var trimmedHost = host?.Trim();
        if (string.IsNullOrEmpty(trimmedHost) || trimmedHost.Length > MaxHostLength
            || Uri.CheckHostName(trimmedHost) == UriHostNameType.Unknown)
        {
            errors["host"] = [$"host must be a host name or IP address of at most {MaxHostLength} characters."];
        }
        if (port is not (>= 1 and <= 65535))
        {
            errors["port"] = ["port must be between 1 and 65535."];
        }
        if (tlsMode is null || !SmtpTlsModes.All.Contains(tlsMode))
        {
            errors["tlsMode"] = [$"tlsMode must be one of {string.Join(", ", SmtpTlsModes.All)}."];
        }
        var trimmedUser = string.IsNullOrWhiteSpace(userName) ? null : userName.Trim();
        if (trimmedUser is { Length: > MaxUserNameLength })
        {
            errors["userName"] = [$"userName must be at most {MaxUserNameLength} characters."];
        }
        var resolvedPassword = password is null ? currentPassword : password.Length == 0 ? null : password;
        if (password is { Length: > MaxPasswordLength })
        {
            errors["password"] = [$"password must be at most {MaxPasswordLength} characters."];
        }
        else if (resolvedPassword is not null && trimmedUser is null)
        {
            errors["userName"] = ["userName is required with a password."];
        }
        var from = EmailAddress.Normalize(fromAddress, out var fromError);
        if (fromError is not null)
        {
            errors["fromAddress"] = [fromError.Replace("Email", "fromAddress", StringComparison.Ordinal)];
        }
        return errors.Count > 0 ? null : new SmtpSettings(trimmedHost!, port!.Value, tlsMode!, trimmedUser,
            resolvedPassword, from!);
    }
}

/// <summary>When a mail that could not be sent is tried again, and when trying stops.</summary>
public static class MailRetry
{
    /// <summary>Attempts before a mail is given up as failed (about a day of retries).</summary>
    public const int MaxAttempts = 12;

    private static readonly TimeSpan FirstWait = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan LongestWait = TimeSpan.FromHours(4);

    /// <summary>The next try after the <paramref name="attempts"/>-th failed one, or null when the mail is given up.</summary>
    public static DateTimeOffset? NextAttempt(int attempts, DateTimeOffset failedAt) =>
        attempts >= MaxAttempts ? null
        : failedAt + TimeSpan.FromTicks(Math.Min(LongestWait.Ticks, FirstWait.Ticks << Math.Min(attempts - 1, 20)));
}

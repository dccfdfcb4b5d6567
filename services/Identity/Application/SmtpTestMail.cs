using System.Globalization;
using System.Net.Sockets;
using BillingOne.Identity.Data;
using BillingOne.Identity.Domain;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;

namespace BillingOne.Identity.Application;

public enum TestMailStatus
{
    Sent,
    NoMailServer,
    NoSuchUser,
    Failed,
}

/// <summary>What became of a test mail: to whom, through which server, and the server's error when it failed.</summary>
public sealed record TestMailOutcome(TestMailStatus Status, string? ToAddress = null, string? Server = null,
    string? Error = null);

/// <summary>
/// "Send test mail" on Settings → Email notifications: one mail through the organization's saved mail server to the
/// person asking, sent now (not queued), so the answer says whether the settings work. Each try is audited with its
/// outcome.
/// </summary>
public sealed class SmtpTestMail(SmtpSettingsStore settings, UserStore users, SmtpMailSender sender, TimeProvider clock)
{
    public const string Subject = "BillingOne: test mail";

    public async Task<TestMailOutcome> SendAsync(Guid orgId, Guid userId, CancellationToken cancellationToken)
    {
        if (await users.FindAsync(orgId, userId, cancellationToken) is not { Enabled: true } user)
        {
            return new TestMailOutcome(TestMailStatus.NoSuchUser);
        }
        if (await settings.FindAsync(orgId, cancellationToken) is not { } smtp)
        {
            return new TestMailOutcome(TestMailStatus.NoMailServer, user.Email);
        }
        var server = $"{smtp.Host}:{smtp.Port.ToString(CultureInfo.InvariantCulture)}";
        string? error = null;
        try
        {
            await sender.SendAsync(smtp, [new OutgoingMail(Guid.NewGuid(), user.Email, user.Name, Subject, Body(user, smtp))],
                _ => Task.CompletedTask, cancellationToken);
        }
        catch (Exception exception) when (Describe(exception, server, cancellationToken) is { } described)
        {
            error = described;
        }
        await settings.RecordTestMailAsync(orgId, user.Email, error, cancellationToken);
        return new TestMailOutcome(error is null ? TestMailStatus.Sent : TestMailStatus.Failed, user.Email, server, error);
    }

    private string Body(User user, SmtpSettings smtp) =>
        $"""
        This is a test mail from BillingOne, sent at {clock.GetUtcNow():yyyy-MM-dd HH:mm} UTC by {user.Name} from Settings → Email notifications.

        Notification mails go through {smtp.Host}:{smtp.Port.ToString(CultureInfo.InvariantCulture)} ({smtp.TlsMode}) from {smtp.FromAddress}. Nothing needs to be done.
        """;

    /// <summary>
    /// What went wrong talking to the mail server, in words for the settings page; null for anything else (a bug, or
    /// the caller going away), which is not a mail server's answer and is not caught.
    /// </summary>
    public static string? Describe(Exception exception, string server, CancellationToken cancellationToken) => exception switch
    {
        SmtpCommandException refused =>
            $"The mail server {server} refused the mail ({(int)refused.StatusCode} {refused.ErrorCode}): {refused.Message}",
        AuthenticationException =>
            $"The mail server {server} refused the user name and password: {exception.Message}",
        SslHandshakeException =>
            $"The secure connection to {server} failed; check the security setting and port: {exception.Message}",
        SocketException socket =>
            $"Could not connect to the mail server {server} ({socket.SocketErrorCode}): {socket.Message}",
        ProtocolException or NotSupportedException or IOException =>
            $"The mail server {server} did not answer as an SMTP server should: {exception.Message}",
        TimeoutException or OperationCanceledException when !cancellationToken.IsCancellationRequested =>
            $"The mail server {server} did not answer within {SmtpMailSender.Timeout.TotalSeconds:0} seconds.",
        _ => null,
    };
}

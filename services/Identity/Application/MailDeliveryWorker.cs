using System.Diagnostics;
using System.Diagnostics.Metrics;
using BillingOne.BuildingBlocks.Hosting;
using BillingOne.Identity.Data;

namespace BillingOne.Identity.Application;

/// <summary>
/// Sends the notification mails the consumers queued, organization by organization through each one's own SMTP
/// settings. A refused or unreachable server is recorded on each mail and tried again later; the bell entries were
/// committed with the mails, so nothing a person sees in the app waits for mail.
/// </summary>
public sealed partial class MailDeliveryWorker(
    NotificationMailStore mails,
    IServiceScopeFactory scopes,
    SmtpMailSender sender,
    TimeProvider clock,
    ILogger<MailDeliveryWorker> logger) : PeriodicWorker(clock)
{
    public const int BatchSize = 50;

    private static readonly ActivitySource Activities = new(TelemetryNames.BillingOne);
    private static readonly Meter Meter = new(TelemetryNames.BillingOne);
    private static readonly Counter<long> Outcomes = Meter.CreateCounter<long>("billingone.notifications.mails", "{mail}",
        "Notification mails tried, by outcome (sent, retry, failed).");

    protected override TimeSpan Interval => TimeSpan.FromSeconds(2);

    protected override async Task RunPassAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<PendingMail> due;
        while ((due = await mails.ClaimDueAsync(BatchSize, cancellationToken)).Count > 0)
        {
            foreach (var organization in due.GroupBy(mail => mail.OrgId))
            {
                await SendAsync(organization.Key, [.. organization], cancellationToken);
            }
        }
    }

    private async Task SendAsync(Guid orgId, IReadOnlyList<PendingMail> batch, CancellationToken cancellationToken)
    {
        using var activity = Activities.StartActivity("send notification mails");
        activity?.SetTag("billingone.org_id", orgId);
        activity?.SetTag("billingone.mail.count", batch.Count);
        var sent = new HashSet<Guid>();
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var settings = await scope.ServiceProvider.GetRequiredService<SmtpSettingsStore>().FindAsync(orgId, cancellationToken)
                ?? throw new InvalidOperationException("No mail server is set up under Settings → Email notifications.");
            await sender.SendAsync(settings,
                [.. batch.Select(mail => new OutgoingMail(mail.Id, mail.ToAddress, mail.ToName, mail.Subject, mail.Body))],
                async outgoing =>
            {
                await mails.MarkSentAsync(orgId, outgoing.Id, CancellationToken.None);
                sent.Add(outgoing.Id);
                Outcomes.Add(1, new KeyValuePair<string, object?>("outcome", "sent"));
            }, cancellationToken);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            activity?.SetStatus(ActivityStatusCode.Error, exception.Message);
            LogSendFailed(exception, orgId, batch.Count - sent.Count);
            foreach (var mail in batch.Where(mail => !sent.Contains(mail.Id)))
            {
                var givenUp = await mails.MarkFailedAsync(mail, exception.Message, CancellationToken.None);
                Outcomes.Add(1, new KeyValuePair<string, object?>("outcome", givenUp ? "failed" : "retry"));
            }
        }
    }

    protected override void OnPassFailed(Exception exception) => LogPassFailed(exception);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Sending {Count} notification mail(s) of organization {OrgId} failed; they are tried again later.")]
    private partial void LogSendFailed(Exception exception, Guid orgId, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Looking for notification mails to send failed.")]
    private partial void LogPassFailed(Exception exception);
}
